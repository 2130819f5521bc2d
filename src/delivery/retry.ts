import type { PipelineContext } from '../pipeline/context.ts';
import { prepareRetry, type RetryableStatus } from '../store/alerts-repository.ts';
import { dispatchAlerts } from './dispatch.ts';

export interface RetryRequest {
  ids?: readonly number[];
  /** Every alert of `statuses` (default: failed). */
  all?: boolean;
  statuses?: readonly RetryableStatus[];
  since?: Date | undefined;
}

/**
 * `painpoint alerts retry`: failed alerts get one more round of delivery to the endpoints that have
 * not accepted them yet; stale and unrouted ones (on request) are routed with today's routes and
 * sent. Alerts of other statuses are left alone.
 */
export async function retryAlerts(ctx: PipelineContext, which: RetryRequest): Promise<{ retried: number[]; skipped: number[] }> {
  const ids = which.ids ?? [];
  const retried = await prepareRetry(ctx.pool, { ids, all: which.all === true, statuses: which.statuses ?? ['failed'], since: which.since });
  for (let i = 0; i < retried.length; i += 200) await dispatchAlerts(ctx, retried.slice(i, i + 200));
  return { retried, skipped: ids.filter((id) => !retried.includes(id)) };
}
