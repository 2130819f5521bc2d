import type { Job } from 'bullmq';
import { ingestBatch, maskPersonalData, type IngestedItem, type Rejection } from '../src/ingest/index.ts';
import { normalize } from '../src/nlp/normalize.ts';
import { alertsRaised } from '../src/cases/negative-feedback.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { batchJobId, pipelineJobOptions } from '../src/pipeline/job-options.ts';
import { laneOptions, laneStage, storeLane } from '../src/pipeline/lanes.ts';
import type { IngestJobData, StageResult, StoreJobData } from '../src/pipeline/payloads.ts';
import { storedExternalIds } from '../src/store/feedback-repository.ts';
import { saveRejections } from '../src/store/rejected-items-repository.ts';
import { observeIngest, observeStage } from '../src/metrics/registry.ts';
import { analyzeIsolating, type BatchAnalyzer } from './analyze.ts';
import type { BatchStorer } from './store.ts';

/**
 * Ingest: validate, normalize, mask and dedupe a batch (repeats within it, and items stored
 * before), then analyse what is left; rejections go to rejected_items (keyed by run and line, so a
 * retry adds nothing); the analysed items go on to the store as one job, in the critical lane when
 * any item of a normal batch raises a critical alert at the store, a `negative_feedback` case
 * included (lanes.ts). Analysis has no queue of its own: one between would only carry the batch's
 * text out and back in (through Postgres on the default backend), and a retry of this job
 * re-analyses no more than a retry of an analyze job would.
 *
 * With `storeHere` (the worker runs the store stage too) the job stores the batch itself instead:
 * a store job would only carry every item and its analysis through the queue and back into the
 * same process. A crash or a failed store then fails this job, and its retry finds stored what the
 * store's transaction committed (withoutRepeats), so nothing counts twice either way.
 */
export function ingestProcessor(ctx: PipelineContext, analyzer: BatchAnalyzer, storeHere?: BatchStorer) {
  const options = { normalize, maskPersonalData: ctx.config.pipeline.maskPersonalData, timeZone: ctx.config.pipeline.timeZone };
  const jobOptions = pipelineJobOptions(ctx.config.pipeline);
  const negativeFeedback = ctx.config.delivery.cases.negativeFeedback;
  return async (job: Job<IngestJobData>): Promise<StageResult> => {
    const { runId, batchNo, records } = job.data;
    const started = performance.now();
    const { file } = job.data;
    const entries = file === undefined ? job.data.entries : job.data.entries.map((e) => ({ record: e.record, origin: { ...e.origin, file } }));
    const result = ingestBatch(entries, { ...options, shiftDays: job.data.shiftDays });
    // Rows a reader could not parse arrive unmasked; ingest's own rejections are masked already.
    const unreadable = (job.data.rejected ?? []).map((r) => (options.maskPersonalData && r.raw ? { ...r, raw: maskPersonalData(r.raw).text } : r));
    const rejections: Rejection[] = [...unreadable, ...result.rejections];
    if (rejections.length > 0) await saveRejections(ctx.pool, runId, rejections);
    const items = await withoutRepeats(ctx, result.items);
    const ingested = performance.now();
    const analyzed = items.length === 0 ? [] : await analyzeIsolating(ctx, runId, items, analyzer);
    const analysed = performance.now();
    // Observed once the batch is handed on: a job that fails after this point is retried whole and
    // would count its records again.
    const observe = () => {
      observeIngest(entries, rejections.length, { items: items.length, ms: ingested - started });
      observeStage('analyze', { items: items.length, ms: analysed - ingested });
    };
    if (storeHere) {
      const stored = await storeHere({ runId, batchNo, records, items: analyzed, lane: job.data.lane });
      observe();
      return { items: items.length, ms: performance.now() - started - stored.ms };
    }
    // The alerts the store will raise, `negative_feedback` cases included (one configured critical lifts the batch too).
    const critical = analyzed.some((item) => alertsRaised(item, negativeFeedback).some((hit) => hit.severity === 'critical'));
    const next: StoreJobData = { runId, batchNo, records, items: analyzed, lane: storeLane(job.data.lane, critical) };
    await ctx.queues.queue<StoreJobData>(laneStage('store', next.lane)).add('store', next, { ...jobOptions, ...laneOptions(next.lane), jobId: batchJobId(runId, batchNo, [job.id]) });
    observe();
    return { items: items.length, ms: performance.now() - started };
  };
}

/**
 * The one place the pipeline drops repeats: an item whose (source, external id) came earlier in
 * the batch (the first is kept), or is stored already (a re-import: analysing it again would change
 * nothing), also under its former derived id (imported before unmapped columns counted). Only a
 * shortcut: the store's unique key is what keeps an item from counting twice across retries and
 * concurrent workers.
 */
async function withoutRepeats(ctx: PipelineContext, items: IngestedItem[]): Promise<IngestedItem[]> {
  const key = (source: string, id: string) => `${source}\u0000${id}`;
  const seen = new Set<string>();
  const firsts: IngestedItem[] = [];
  const bySource = new Map<string, string[]>();
  for (const item of items) {
    const k = key(item.source, item.externalId);
    if (seen.has(k)) continue;
    seen.add(k);
    firsts.push(item);
    const ids = bySource.get(item.source);
    const mine = item.formerExternalId === undefined ? [item.externalId] : [item.externalId, item.formerExternalId];
    if (ids) ids.push(...mine);
    else bySource.set(item.source, mine);
  }
  const stored = new Set<string>();
  for (const [source, ids] of bySource) for (const id of await storedExternalIds(ctx.pool, source, ids)) stored.add(key(source, id));
  const isStored = (i: IngestedItem) => stored.has(key(i.source, i.externalId)) || (i.formerExternalId !== undefined && stored.has(key(i.source, i.formerExternalId)));
  const fresh = stored.size === 0 ? firsts : firsts.filter((i) => !isStored(i));
  for (const item of fresh) delete item.formerExternalId;
  return fresh;
}
