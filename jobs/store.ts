import type { Job } from 'bullmq';
import { dispatchAlerts } from '../src/delivery/dispatch.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import type { StageResult, StoreJobData } from '../src/pipeline/payloads.ts';
import { saveAnalyzedBatch } from '../src/store/feedback-repository.ts';
import { markBatchDone } from '../src/store/import-runs-repository.ts';

/**
 * Store: the batch's feedback, aspects, tallies, daily counts and pending alerts in one transaction
 * (saveAnalyzedBatch); then the batch is ticked off its run, and the new alerts handed to delivery.
 * A retry after a crash finds its items stored and counts nothing twice.
 */
export function storeProcessor(ctx: PipelineContext) {
  const options = { deadlineHours: ctx.config.delivery.deadlineHours, timeZone: ctx.config.pipeline.timeZone, maxAgeHours: ctx.config.delivery.maxAgeHours };
  return async (job: Job<StoreJobData>): Promise<StageResult> => {
    const { runId, batchNo, records, items } = job.data;
    const started = performance.now();
    const result = await saveAnalyzedBatch(
      ctx.pool,
      items.map((item) => ({ ...item, importId: runId })),
      options,
    );
    await markBatchDone(ctx.pool, runId, batchNo, records);
    if (result.staleAlerts > 0) ctx.logger.info({ runId, batchNo, alerts: result.staleAlerts, maxAgeHours: options.maxAgeHours }, 'alerts about old items stored as stale, not sent (`painpoint alerts retry --stale` sends them)');
    if (result.alertIds.length > 0) {
      // The alerts are committed as pending rows (the outbox); if routing them fails now, delivery's
      // periodic sweep routes them, so the batch itself need not be retried for it.
      await dispatchAlerts(ctx, result.alertIds).catch((err: unknown) =>
        ctx.logger.warn({ runId, batchNo, alerts: result.alertIds.length, err: err instanceof Error ? err.message : String(err) }, 'alert dispatch deferred to the sweep'),
      );
    }
    return { items: items.length, ms: performance.now() - started };
  };
}
