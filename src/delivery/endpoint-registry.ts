import { createHash } from 'node:crypto';
import type { Config } from '../config/index.ts';
import { ConfigError, PainpointError } from '../errors/index.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { activeEndpoints, registerEndpoints, type EndpointRow } from '../store/delivery-endpoints-repository.ts';
import type { Endpoint, EndpointRoute } from './endpoints.ts';
import { deliveryRuntime } from './runtime.ts';

/**
 * Routing in one place every process reads. Which endpoints an alert goes to must not depend on
 * the process that happens to run its store job: a worker started without PAINPOINT_WEBHOOK_URL
 * used to route alerts to nobody. So the endpoints a delivery worker is configured with are
 * registered in delivery_endpoints (per deployment, i.e. queue prefix) and every dispatch routes
 * with what is registered there. URLs and secrets stay in the delivering process's environment.
 */

export function deploymentOf(config: Readonly<Config>): string {
  return config.pipeline.queuePrefix;
}

function row(e: Endpoint): EndpointRow {
  return {
    name: e.name,
    format: e.format,
    rules: e.rules && [...e.rules],
    minSeverity: e.minSeverity,
    channels: e.channels && [...e.channels],
    sources: e.sources && [...e.sources],
    receives: [...e.receives],
    urlSha256: createHash('sha256').update(e.url).digest('hex'),
  };
}

function route(r: EndpointRow): EndpointRoute {
  return { name: r.name, format: r.format as EndpointRoute['format'], rules: r.rules, minSeverity: r.minSeverity, channels: r.channels, sources: r.sources, receives: r.receives as EndpointRoute['receives'] };
}

// Registered once per process and context: the config does not change while it runs.
const registered = new WeakMap<PipelineContext, Promise<void>>();

/** Registers the endpoints this process is configured with (if any), once. */
export function registerOwnEndpoints(ctx: PipelineContext): Promise<void> {
  let done = registered.get(ctx);
  if (!done) {
    const own = deliveryRuntime(ctx.config).endpoints;
    done = registerEndpoints(ctx.pool, deploymentOf(ctx.config), own.map(row));
    done.catch(() => registered.delete(ctx));
    registered.set(ctx, done);
  }
  return done;
}

/** The routes of this deployment: what every delivery worker registered, not only this process's config. */
export async function routes(ctx: PipelineContext): Promise<EndpointRoute[]> {
  await registerOwnEndpoints(ctx);
  return (await activeEndpoints(ctx.pool, deploymentOf(ctx.config))).map(route);
}

/**
 * A delivery worker that could not send to an endpoint others route alerts to would leave them
 * unsent: it refuses to start instead, naming the endpoints and the two ways out.
 */
export async function checkDeliveryRegistry(ctx: PipelineContext): Promise<void> {
  await registerOwnEndpoints(ctx);
  const own = new Set(deliveryRuntime(ctx.config).endpoints.map((e) => e.name));
  const missing = (await activeEndpoints(ctx.pool, deploymentOf(ctx.config))).filter((r) => !own.has(r.name)).map((r) => r.name);
  if (missing.length > 0) {
    throw new ConfigError(
      `endpoint${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} registered for deployment "${deploymentOf(ctx.config)}" (alerts are routed to ${missing.length > 1 ? 'them' : 'it'}) but not configured in this worker: ` +
        `configure ${missing.length > 1 ? 'them' : 'it'} here too (delivery.endpoints with its secretEnv, or PAINPOINT_WEBHOOK_URL for "default"), or stop routing to ${missing.length > 1 ? 'them' : 'it'} with \`painpoint alerts endpoints --retire ${missing.join(' ')}\``,
      { key: 'delivery.endpoints' },
    );
  }
}

/**
 * A delivery job for an endpoint another worker knows and this one does not (a worker started
 * before the endpoint was added elsewhere): it goes back to the queue for that worker, never `failed`.
 */
export class EndpointNotHere extends PainpointError {
  constructor(endpoint: string) {
    super('ENDPOINT_NOT_HERE', `endpoint "${endpoint}" is routed to but not configured in this worker`, { retryable: true });
    this.name = 'EndpointNotHere';
  }
}

async function isRegistered(ctx: PipelineContext, endpoint: string): Promise<boolean> {
  return (await activeEndpoints(ctx.pool, deploymentOf(ctx.config))).some((r) => r.name === endpoint);
}

/**
 * The endpoint a delivery job names, as this worker knows it. Unknown here but still routed to by
 * the others: EndpointNotHere, so the job goes back for a worker that knows it. Unknown anywhere:
 * `removed`, the reason the subject's delivery ends there.
 */
export async function jobEndpoint(ctx: PipelineContext, name: string): Promise<{ endpoint: Endpoint } | { removed: string }> {
  const endpoint = deliveryRuntime(ctx.config).endpoint(name);
  if (endpoint) return { endpoint };
  if (await isRegistered(ctx, name)) throw new EndpointNotHere(name);
  return { removed: `endpoint "${name}" is no longer configured` };
}
