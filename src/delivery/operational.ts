import type { PipelineContext } from '../pipeline/context.ts';
import type { Severity } from '../nlp/types.ts';
import * as alerts from '../store/alerts-repository.ts';
import { routes as registeredRoutes } from './endpoint-registry.ts';
import { endpointAcceptsOperational } from './endpoints.ts';
import { enqueueDeliveries } from './runtime.ts';

export interface OperationalAlert {
  /** What went wrong, e.g. `crawl_broken` (a source's pages no longer parse, or it blocks us). */
  kind: string;
  /** The crawl source (or other part) concerned. */
  source: string;
  /** A sentence for the people on call. */
  detail: string;
  severity?: Severity;
}

/**
 * An alert about painpoint itself, sent through the same endpoints as case alerts (those whose
 * `receives` includes `operational`) as `{type: "operational", id: "op-<n>", kind, source, severity,
 * detail, created_at}`. The same kind and source raised again within the digest window is counted
 * (`repeats`), not sent again.
 */
export async function raiseOperationalAlert(ctx: PipelineContext, alert: OperationalAlert): Promise<{ id: number; sent: boolean }> {
  const routes = await registeredRoutes(ctx);
  const raised = await alerts.raiseOperational(ctx.pool, {
    kind: alert.kind,
    source: alert.source,
    severity: alert.severity ?? 'high',
    detail: alert.detail,
    windowSeconds: Math.max(ctx.config.delivery.digestWindowSeconds, 1),
  });
  if (!raised.created) return { id: raised.id, sent: false };
  const targets = routes.filter((e) => endpointAcceptsOperational(e, alert.source)).map((e) => e.name);
  await alerts.setOperationalTargets(ctx.pool, raised.id, targets);
  await enqueueOperational(ctx, raised.id, targets);
  ctx.logger.warn({ kind: alert.kind, source: alert.source, id: raised.id, endpoints: targets.length }, 'operational alert raised');
  return { id: raised.id, sent: targets.length > 0 };
}

function enqueueOperational(ctx: PipelineContext, id: number, endpoints: readonly string[]): Promise<void> {
  return enqueueDeliveries(ctx, endpoints.map((endpoint) => ({ data: { kind: 'operational', id, endpoint } })));
}

/** The sweep's share: operational alerts a crash left unsent, enqueued again to the endpoints still owed. */
export async function sweepOperationalAlerts(ctx: PipelineContext): Promise<number> {
  const routes = await registeredRoutes(ctx);
  const pending = await alerts.sweepOperational(ctx.pool, ctx.config.delivery.sweepGraceSeconds);
  for (const op of pending) {
    let targets = op.targets;
    if (targets === null) {
      targets = routes.filter((e) => endpointAcceptsOperational(e, op.source)).map((e) => e.name);
      await alerts.setOperationalTargets(ctx.pool, op.id, targets);
    }
    await enqueueOperational(ctx, op.id, targets.filter((t) => !op.deliveredTo.includes(t)));
  }
  return pending.length;
}
