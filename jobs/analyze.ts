import type { Job } from 'bullmq';
import type { Analysis } from '../src/nlp/types.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { batchJobId, pipelineJobOptions } from '../src/pipeline/job-options.ts';
import { laneOptions, laneStage, storeLane } from '../src/pipeline/lanes.ts';
import type { AnalyzedItem, AnalyzeJobData, StageResult, StoreJobData } from '../src/pipeline/payloads.ts';

/** Texts per analyzer call: small enough to take turns quickly, large enough for batched models. */
export const ANALYZE_SLICE = 100;

/** What the analyze stage needs of the analyzer: a whole batch at once (the model runs batched). */
export interface BatchAnalyzer {
  analyzeBatch(texts: readonly string[]): Promise<Analysis[]> | Analysis[];
}

/**
 * Analyze: the batch's texts through the analyzer; the results ride on to the store job, in the
 * critical lane when any item of a normal batch raised a critical alert (lanes.ts).
 */
export function analyzeProcessor(ctx: PipelineContext, analyzer: BatchAnalyzer) {
  const jobOptions = pipelineJobOptions(ctx.config.pipeline);
  return async (job: Job<AnalyzeJobData>): Promise<StageResult> => {
    const { runId, batchNo, records, items } = job.data;
    const started = performance.now();
    const analyses: Analysis[] = [];
    // In slices: the analyzer answers in turn, so a whole 2,000-item bulk batch would hold a critical
    // review behind it; this way it waits for at most one slice per batch in flight.
    for (let i = 0; i < items.length; i += ANALYZE_SLICE) analyses.push(...(await analyzer.analyzeBatch(items.slice(i, i + ANALYZE_SLICE).map((it) => it.text))));
    // The items were parsed from this job's data and are not shared: each takes its analysis in place.
    const analyzed = items as AnalyzedItem[];
    for (let i = 0; i < analyzed.length; i++) analyzed[i]!.analysis = analyses[i]!;
    const critical = analyses.some((a) => a.alerts.some((hit) => hit.severity === 'critical'));
    const next: StoreJobData = { runId, batchNo, records, items: analyzed, lane: storeLane(job.data.lane, critical) };
    await ctx.queues.queue<StoreJobData>(laneStage('store', next.lane)).add('store', next, { ...jobOptions, ...laneOptions(next.lane), jobId: batchJobId(runId, batchNo, job.id) });
    return { items: items.length, ms: performance.now() - started };
  };
}
