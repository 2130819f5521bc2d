import type { PipelineContext } from '../pipeline/context.ts';
import type { Severity } from '../nlp/types.ts';
import * as alerts from '../store/alerts-repository.ts';
import { endpointAcceptsOperational } from './endpoints.ts';
import { deliveryRuntime, enqueueDeliveries } from './runtime.ts';

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
  const runtime = deliveryRuntime(ctx.config);
  const raised = await alerts.raiseOperational(ctx.pool, {
    kind: alert.kind,
    source: alert.source,
    severity: alert.severity ?? 'high',
    detail: alert.detail,
    windowSeconds: Math.max(ctx.config.delivery.digestWindowSeconds, 1),
  });
  if (!raised.created) return { id: raised.id, sent: false };
  const targets = runtime.endpoints.filter((e) => endpointAcceptsOperational(e, alert.source)).map((e) => e.name);
  await alerts.setOperationalTargets(ctx.pool, raised.id, targets);
  await enqueueDeliveries(ctx, targets.map((endpoint) => ({ data: { kind: 'operational', id: raised.id, endpoint } })));
  ctx.logger.warn({ kind: alert.kind, source: alert.source, id: raised.id, endpoints: targets.length }, 'operational alert raised');
  return { id: raised.id, sent: targets.length > 0 };
}
