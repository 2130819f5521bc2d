import type { PipelineContext } from '../pipeline/context.ts';
import { markResolutionDispatched, resolutionsOwed } from '../store/cases-repository.ts';
import { enqueueDeliveries, type DeliverJob } from './runtime.ts';

/**
 * The resolution webhook's outbox: a resolved case owes one `resolution` delivery to each endpoint
 * its alert was routed to. Enqueued right after resolving where the caller has the queues, and by
 * the delivery sweep otherwise (so `painpoint serve`, which has no queues, loses none). Job ids are
 * derived, so enqueuing twice sends once; a case marked before its jobs were enqueued cannot happen.
 */
export async function dispatchResolutions(ctx: PipelineContext, ids: readonly number[] | null = null): Promise<number> {
  const owed = await resolutionsOwed(ctx.pool, ids);
  if (owed.length === 0) return 0;
  const jobs: DeliverJob[] = owed.flatMap((c) => c.targets.map((endpoint) => ({ data: { kind: 'resolution' as const, id: c.id, endpoint } })));
  await enqueueDeliveries(ctx, jobs);
  await markResolutionDispatched(ctx.pool, owed.map((c) => c.id));
  return owed.length;
}
