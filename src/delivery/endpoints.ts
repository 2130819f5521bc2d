import type { Config, EndpointConfig } from '../config/index.ts';
import { ConfigError } from '../errors/index.ts';
import type { Severity } from '../nlp/types.ts';
import { buildAllowlist, checkWebhookUrl, isSpecialAddress, type HostAllowlist } from './url-guard.ts';

export type EndpointFormat = EndpointConfig['format'];
export type Receives = EndpointConfig['receives'][number];

/**
 * What routing needs of an endpoint: its name and filters. Every process routes with the same
 * routes, read from the database (endpoint-registry.ts); only a delivering process has the rest.
 */
export interface EndpointRoute {
  readonly name: string;
  readonly format: EndpointFormat;
  readonly rules: readonly string[] | undefined;
  readonly minSeverity: Severity;
  readonly channels: readonly string[] | undefined;
  readonly sources: readonly string[] | undefined;
  readonly receives: readonly Receives[];
}

/** A webhook endpoint ready to send to: its secret read from the environment, its URL checked. */
export interface Endpoint extends EndpointRoute {
  readonly url: string;
  /** Never logged: pino redacts `secret`, and endpoints are logged by name only. */
  readonly secret: string | undefined;
}

export interface DeliveryTargets {
  readonly endpoints: readonly Endpoint[];
  readonly allowlist: HostAllowlist;
}

/** The endpoint PAINPOINT_WEBHOOK_URL / PAINPOINT_WEBHOOK_SECRET configure. */
export const DEFAULT_ENDPOINT = 'default';

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function severityAtLeast(severity: Severity, min: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[min];
}

export function maxSeverity(list: readonly Severity[]): Severity {
  return list.reduce<Severity>((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a), 'low');
}

/**
 * Endpoints from `delivery.endpoints` plus the default one from the environment. The host of
 * PAINPOINT_WEBHOOK_URL is allowed implicitly (it is set by whoever runs the process, like
 * PAINPOINT_WEBHOOK_ALLOW_HOSTS), but only for public addresses: a private or loopback target still
 * needs an explicit IP or CIDR entry.
 */
export function resolveDeliveryTargets(config: Readonly<Config>, env: NodeJS.ProcessEnv = process.env): DeliveryTargets {
  const entries = [...config.delivery.allowHosts, ...config.env.webhookAllowHosts];
  const defaultUrl = config.env.webhookUrl;
  if (defaultUrl) {
    try {
      const host = new URL(defaultUrl).hostname.replace(/^\[|\]$/g, '');
      // An IP entry would admit a private address by itself; the implicit entry must not.
      if (!isSpecialAddress(host)) entries.push(host);
    } catch {
      throw new ConfigError('PAINPOINT_WEBHOOK_URL is not a URL', { key: 'PAINPOINT_WEBHOOK_URL' });
    }
  }
  const allowlist = buildAllowlist(entries);
  const file = config.files.join(' + ');
  const endpoints: Endpoint[] = [];

  if (defaultUrl) {
    if (!config.env.webhookSecret) {
      throw new ConfigError('PAINPOINT_WEBHOOK_URL is set but PAINPOINT_WEBHOOK_SECRET is not: webhooks are always signed', { key: 'PAINPOINT_WEBHOOK_SECRET' });
    }
    endpoints.push(checked({ name: DEFAULT_ENDPOINT, url: defaultUrl, format: 'painpoint', secret: config.env.webhookSecret, rules: undefined, minSeverity: 'low', channels: undefined, sources: undefined, receives: ['alerts', 'operational', 'escalations', 'metrics'] }, allowlist, { key: 'PAINPOINT_WEBHOOK_URL' }));
  }

  config.delivery.endpoints.forEach((e, i) => {
    const key = `delivery.endpoints.${i}`;
    if (endpoints.some((x) => x.name === e.name)) throw new ConfigError(`endpoint name "${e.name}" is used twice`, { file, key: `${key}.name` });
    const secret = e.secretEnv ? env[e.secretEnv]?.trim() || undefined : undefined;
    if (e.secretEnv && !secret) throw new ConfigError(`environment variable ${e.secretEnv} (its secret) is not set`, { file, key: `${key}.secretEnv` });
    if (e.format === 'painpoint' && !secret) throw new ConfigError('a painpoint-format endpoint needs secretEnv: webhooks are always signed', { file, key: `${key}.secretEnv` });
    endpoints.push(
      checked(
        { name: e.name, url: e.url, format: e.format, secret, rules: e.rules, minSeverity: e.minSeverity, channels: e.channels, sources: e.sources, receives: e.receives },
        allowlist,
        { file, key: `${key}.url` },
      ),
    );
  });
  return { endpoints, allowlist };
}

function checked(endpoint: Endpoint, allow: HostAllowlist, where: { file?: string; key: string }): Endpoint {
  try {
    checkWebhookUrl(endpoint.url, allow, `endpoint "${endpoint.name}"`);
  } catch (err) {
    throw new ConfigError((err as Error).message, where, err);
  }
  return Object.freeze(endpoint);
}

/** What an alert looks like to an endpoint's filters. */
export interface AlertFacets {
  rule: string;
  severity: Severity;
  channel: string;
  source: string;
}

export function endpointAccepts(endpoint: EndpointRoute, alert: AlertFacets): boolean {
  return endpoint.receives.includes('alerts') && filtersTake(endpoint, alert);
}

/** Whether the endpoint's rule, severity, channel and source filters take an alert (or its case). */
export function filtersTake(endpoint: EndpointRoute, alert: AlertFacets): boolean {
  return (
    (!endpoint.rules || endpoint.rules.includes(alert.rule)) &&
    severityAtLeast(alert.severity, endpoint.minSeverity) &&
    (!endpoint.channels || endpoint.channels.includes(alert.channel)) &&
    (!endpoint.sources || endpoint.sources.includes(alert.source))
  );
}

/** Operational alerts (a crawl that broke) go to endpoints that receive them and watch the source. */
export function endpointAcceptsOperational(endpoint: EndpointRoute, source: string): boolean {
  return endpoint.receives.includes('operational') && (!endpoint.sources || endpoint.sources.includes(source));
}

/** Metric monitor findings go to the endpoints that receive `metrics` (the default endpoint does). */
export function endpointAcceptsMetrics(endpoint: EndpointRoute): boolean {
  return endpoint.receives.includes('metrics');
}

/**
 * Escalations go to the endpoints that receive them; where none is configured, to the endpoints that
 * had the alert in the first place, so an overdue case is never escalated into the void.
 */
export function escalationEndpoints(routes: readonly EndpointRoute[], alert: AlertFacets): EndpointRoute[] {
  const dedicated = routes.filter((e) => e.receives.includes('escalations') && e.name !== DEFAULT_ENDPOINT);
  if (dedicated.length > 0) return dedicated;
  const fallback = routes.filter((e) => e.receives.includes('escalations'));
  return fallback.length > 0 ? fallback : routes.filter((e) => endpointAccepts(e, alert));
}
