import type { PipelineContext } from '../pipeline/context.ts';
import * as alerts from '../store/alerts-repository.ts';
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
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    const overdue = await alerts.claimOverdue(client, limit);
    const jobs: DeliverJob[] = overdue.flatMap((a) => escalationEndpoints(routes, a).map((e) => ({ data: { kind: 'escalation' as const, id: a.id, endpoint: e.name }, lane: a.severity === 'critical' ? ('critical' as const) : ('normal' as const) })));
    await enqueueDeliveries(ctx, jobs);
    await client.query('COMMIT');
    if (overdue.length > 0) ctx.logger.info({ alerts: overdue.length, jobs: jobs.length }, 'overdue alerts escalated');
    return overdue.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
