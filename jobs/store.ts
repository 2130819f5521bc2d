import type { Job } from 'bullmq';
import { caseDeadlines } from '../src/cases/deadlines.ts';
import { dispatchAlerts } from '../src/delivery/dispatch.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import type { StageResult, StoreJobData } from '../src/pipeline/payloads.ts';
import { saveAnalyzedBatch, type AnalyzedFeedback, type RefusedItem } from '../src/store/feedback-repository.ts';
import { importRunFile, markBatchDone } from '../src/store/import-runs-repository.ts';
import { saveRejections } from '../src/store/rejected-items-repository.ts';
import { observeStage } from '../src/metrics/registry.ts';

/** Stores one analysed batch: what a store job does, and what an ingest job does in its place where its worker runs the store stage too. */
export type BatchStorer = (batch: StoreJobData) => Promise<StageResult>;

/** The store stage's processor: a store job's batch, stored. */
export function storeProcessor(ctx: PipelineContext) {
  const store = batchStorer(ctx);
  return (job: Job<StoreJobData>): Promise<StageResult> => store(job.data);
}

/**
 * Store: the batch's feedback, aspects, tallies, daily counts and pending alerts in one transaction
 * (saveAnalyzedBatch); then the batch is ticked off its run, and the new alerts handed to delivery.
 * A retry after a crash finds its items stored and counts nothing twice. An item Postgres refuses
 * goes to rejected_items with the error, and the rest of the batch is stored.
 */
export function batchStorer(ctx: PipelineContext): BatchStorer {
  const delivery = ctx.config.delivery;
  const options = {
    deadlineHours: delivery.deadlineHours,
    deadlines: delivery.deadlines ? caseDeadlines(delivery) : undefined,
    negativeFeedback: delivery.cases.negativeFeedback,
    timeZone: ctx.config.pipeline.timeZone,
    maxAgeHours: delivery.maxAgeHours,
  };
  return async (batch: StoreJobData): Promise<StageResult> => {
    const { runId, batchNo, records, items } = batch;
    const started = performance.now();
    // The items were parsed from a job's data, or made by the ingest job storing them, and are not
    // shared: each takes its run in place.
    for (const item of items as AnalyzedFeedback[]) item.importId = runId;
    const result = await saveAnalyzedBatch(ctx.pool, items, options);
    if (result.refused.length > 0) await rejectRefused(ctx, runId, result.refused);
    await markBatchDone(ctx.pool, runId, batchNo, records);
    if (result.staleAlerts > 0) ctx.logger.info({ runId, batchNo, alerts: result.staleAlerts, maxAgeHours: options.maxAgeHours }, 'alerts about old items stored as stale, not sent (`painpoint alerts retry --stale` sends them)');
    if (result.alertIds.length > 0) {
      // The alerts are committed as pending rows (the outbox); if routing them fails now, delivery's
      // periodic sweep routes them, so the batch itself need not be retried for it.
      await dispatchAlerts(ctx, result.alertIds).catch((err: unknown) =>
        ctx.logger.warn({ runId, batchNo, alerts: result.alertIds.length, err: err instanceof Error ? err.message : String(err) }, 'alert dispatch deferred to the sweep'),
      );
    }
    return observeStage('store', { items: items.length, ms: performance.now() - started });
  };
}

/** Items the store refused, as rejections of their run (before the batch is ticked off, so the run's counts add up). */
async function rejectRefused(ctx: PipelineContext, runId: string, refused: readonly RefusedItem[]): Promise<void> {
  const file = await importRunFile(ctx.pool, runId);
  await saveRejections(
    ctx.pool,
    runId,
    refused.map(({ item, code, message }) => {
      const { analysis: _analysis, importId: _importId, ...record } = item;
      return { reason: 'store_failed', message: `${code}: ${message}`, source: item.source, file, line: item.line, raw: JSON.stringify(record).slice(0, 4000) };
    }),
  );
  ctx.logger.warn({ runId, refused: refused.length, codes: [...new Set(refused.map((r) => r.code))] }, 'items refused by the store; the rest of the batch is stored');
}
