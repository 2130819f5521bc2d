import type { Rejection } from '../ingest/index.ts';
import { batchJobId, ingestContent, pipelineJobOptions } from './job-options.ts';
import { laneOptions, laneStage, type Lane } from './lanes.ts';
import type { PipelineContext } from './context.ts';
import type { IngestEntry, IngestJobData } from './payloads.ts';

export interface EnqueueOptions {
  runId: string;
  /** Number of the first batch (a run that enqueues in several calls continues where it was). */
  firstBatch?: number | undefined;
  /** Records a reader could not parse, rejected along with the first batch. */
  rejected?: Rejection[] | undefined;
  shiftDays?: number | undefined;
  /** Default `normal` (a crawl page, a handful of records). */
  lane?: Lane | undefined;
}

export interface EnqueueResult {
  batches: number;
  /** The number to pass as `firstBatch` on the next call of the same run. */
  nextBatch: number;
}

/**
 * Puts records on the ingest queue in batches of `pipeline.batchSize`. Jobs are keyed by run, batch
 * number and content, so enqueueing the same records again (a retried crawl page, a restarted
 * import) adds nothing; and the store drops what is already stored in any case.
 */
export async function enqueueRecords(ctx: PipelineContext, entries: readonly IngestEntry[], options: EnqueueOptions): Promise<EnqueueResult> {
  const size = ctx.config.pipeline.batchSize;
  let batchNo = options.firstBatch ?? 0;
  const jobs: IngestJobData[] = [];
  for (let i = 0; i < entries.length; i += size) {
    const slice = entries.slice(i, i + size);
    jobs.push({ runId: options.runId, batchNo: batchNo++, records: slice.length, entries: slice, shiftDays: options.shiftDays, lane: options.lane ?? 'normal' });
  }
  const rejected = options.rejected ?? [];
  if (rejected.length > 0) {
    const first = jobs[0] ?? { runId: options.runId, batchNo: batchNo++, records: 0, entries: [] };
    if (jobs.length === 0) jobs.push(first);
    first.rejected = rejected;
    first.records += rejected.length;
  }
  await addIngestJobs(ctx, jobs);
  return { batches: jobs.length, nextBatch: batchNo };
}

/**
 * Enqueues ready-made ingest batches (the importer builds them while streaming). Without a lane of
 * its own, a file's first batch is `normal` and the rest `bulk`: a one-line import of a critical
 * review overtakes a 100k-row import in flight, while the big import still starts at once.
 */
export async function addIngestJobs(ctx: PipelineContext, jobs: readonly IngestJobData[]): Promise<void> {
  if (jobs.length === 0) return;
  const opts = pipelineJobOptions(ctx.config.pipeline);
  const withLanes = jobs.map((job): IngestJobData => ({ ...job, lane: job.lane ?? (job.batchNo > 0 ? 'bulk' : 'normal') }));
  for (const bulk of [false, true]) {
    const batch = withLanes.filter((data) => (data.lane === 'bulk') === bulk);
    if (batch.length === 0) continue;
    await ctx.queues.queue<IngestJobData>(laneStage('ingest', bulk ? 'bulk' : 'normal')).addBulk(
      batch.map((data) => ({ name: 'ingest', data, opts: { ...opts, ...laneOptions(data.lane), jobId: batchJobId(data.runId, data.batchNo, ingestContent(data)) } })),
    );
  }
}
