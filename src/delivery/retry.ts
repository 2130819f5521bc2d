import type { PipelineContext } from '../pipeline/context.ts';
import { prepareRetry } from '../store/alerts-repository.ts';
import { dispatchAlerts } from './dispatch.ts';

/**
 * `painpoint alerts retry`: failed alerts (those named, or all) get one more round of delivery to
 * the endpoints that have not accepted them yet. Alerts that are not `failed` are left alone.
 */
export async function retryAlerts(ctx: PipelineContext, which: { ids?: readonly number[]; allFailed?: boolean }): Promise<{ retried: number[]; skipped: number[] }> {
  const ids = which.ids ?? [];
  const retried = await prepareRetry(ctx.pool, ids, which.allFailed === true);
  for (let i = 0; i < retried.length; i += 200) await dispatchAlerts(ctx, retried.slice(i, i + 200));
  return { retried, skipped: ids.filter((id) => !retried.includes(id)) };
}
