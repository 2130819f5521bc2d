import type { Job } from 'bullmq';
import { itemDomains } from '../src/analysis/item-domains.ts';
import type { Analysis, Domain } from '../src/nlp/types.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { batchJobId, pipelineJobOptions } from '../src/pipeline/job-options.ts';
import { laneOptions, laneStage, storeLane } from '../src/pipeline/lanes.ts';
import type { AnalyzedItem, AnalyzeJobData, StageResult, StoreJobData } from '../src/pipeline/payloads.ts';
import { observeStage } from '../src/metrics/registry.ts';
import type { IngestedItem } from '../src/ingest/index.ts';
import { importRunFile } from '../src/store/import-runs-repository.ts';
import { saveRejections } from '../src/store/rejected-items-repository.ts';

/** Texts per analyzer call: small enough to take turns quickly, large enough for batched models. */
export const ANALYZE_SLICE = 100;

/**
 * What the analyze stage needs of the analyzer: a whole batch at once (the model runs batched),
 * each text with the domain of its source (nlp.sourceDomains).
 */
export interface BatchAnalyzer {
  analyzeBatch(texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<Analysis[]> | Analysis[];
}

/**
 * Analyze: the batch's texts through the analyzer, in slices; the results ride on to the store job,
 * in the critical lane when any item of a normal batch raised a critical alert (lanes.ts). A text
 * the analyzer cannot take is rejected alone (analyze_failed) and the rest of the batch goes on.
 */
export function analyzeProcessor(ctx: PipelineContext, analyzer: BatchAnalyzer) {
  const jobOptions = pipelineJobOptions(ctx.config.pipeline);
  return async (job: Job<AnalyzeJobData>): Promise<StageResult> => {
    const { runId, batchNo, records, items } = job.data;
    const started = performance.now();
    const analyzed = items.length === 0 ? [] : await analyzeIsolating(ctx, runId, items, analyzer);
    const critical = analyzed.some((item) => item.analysis.alerts.some((hit) => hit.severity === 'critical'));
    const next: StoreJobData = { runId, batchNo, records, items: analyzed, lane: storeLane(job.data.lane, critical) };
    await ctx.queues.queue<StoreJobData>(laneStage('store', next.lane)).add('store', next, { ...jobOptions, ...laneOptions(next.lane), jobId: batchJobId(runId, batchNo, job.id) });
    return observeStage('analyze', { items: items.length, ms: performance.now() - started });
  };
}

/**
 * The batch's analyses, in place on its items. When the batch call throws, each item is analysed on
 * its own and those that throw are rejected; if every one throws, the analyzer itself is failing
 * (a crashed thread, say), so the job fails and is retried instead.
 */
async function analyzeIsolating(ctx: PipelineContext, runId: string, items: IngestedItem[], analyzer: BatchAnalyzer): Promise<AnalyzedItem[]> {
  // The items were parsed from this job's data and are not shared: each takes its analysis in place.
  const analyzed = items as AnalyzedItem[];
  try {
    const analyses: Analysis[] = [];
    // In slices: the analyzer answers in turn, so a whole 2,000-item bulk batch would hold a critical
    // review behind it; this way it waits for at most one slice per batch in flight.
    for (let i = 0; i < items.length; i += ANALYZE_SLICE) {
      const slice = items.slice(i, i + ANALYZE_SLICE);
      analyses.push(...(await analyzer.analyzeBatch(slice.map((it) => it.text), itemDomains(ctx.config.nlp, slice.map((it) => it.source)))));
    }
    for (let i = 0; i < analyzed.length; i++) analyzed[i]!.analysis = analyses[i]!;
    return analyzed;
  } catch (batchError) {
    const failed: { item: IngestedItem; message: string }[] = [];
    const ok: AnalyzedItem[] = [];
    for (const item of analyzed) {
      try {
        item.analysis = (await analyzer.analyzeBatch([item.text], itemDomains(ctx.config.nlp, [item.source])))[0]!;
        ok.push(item);
      } catch (err) {
        failed.push({ item, message: err instanceof Error ? err.message : String(err) });
      }
    }
    if (ok.length === 0) throw batchError;
    const file = await importRunFile(ctx.pool, runId);
    await saveRejections(
      ctx.pool,
      runId,
      failed.map(({ item, message }) => ({ reason: 'analyze_failed', message, source: item.source, file, line: item.line, raw: JSON.stringify(item).slice(0, 4000) })),
    );
    ctx.logger.warn({ runId, failed: failed.length }, 'items the analyzer could not take were rejected; the rest of the batch goes on');
    return ok;
  }
}
