import type { PipelineContext } from '../pipeline/context.ts';
import * as alerts from '../store/alerts-repository.ts';
import { withTransaction } from '../store/pool.ts';
import { routes as registeredRoutes } from './endpoint-registry.ts';
import { escalationEndpoints } from './endpoints.ts';
import { enqueueDeliveries, type DeliverJob } from './runtime.ts';

/**
 * Overdue cases: alerts nobody acknowledged by their deadline are sent once more, to the endpoints
 * that receive escalations. Each alert is claimed once (escalated_at) in the same transaction that
 * enqueues its jobs, so a crash in between either escalates it later or has already enqueued it.
 */
export async function escalateOverdue(ctx: PipelineContext, limit = 500): Promise<number> {
  const routes = await registeredRoutes(ctx);
  const { overdue, jobs } = await withTransaction(ctx.pool, async (client) => {
    const claimed = await alerts.claimOverdue(client, limit);
    const owed: DeliverJob[] = claimed.flatMap((a) => escalationEndpoints(routes, a).map((e) => ({ data: { kind: 'escalation' as const, id: a.id, endpoint: e.name }, lane: a.severity === 'critical' ? ('critical' as const) : ('normal' as const) })));
    await enqueueDeliveries(ctx, owed);
    return { overdue: claimed, jobs: owed };
  });
  if (overdue.length > 0) ctx.logger.info({ alerts: overdue.length, jobs: jobs.length }, 'overdue alerts escalated');
  return overdue.length;
}
