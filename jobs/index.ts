/**
 * The registry of the stages a `painpoint worker` runs, and the one way to start them. Each stage
 * names how it starts: the batch stages (ingest, store) from their processors here, with a queue per
 * lane; crawl, deliver and monitor from start functions of their own (a browser, schedules).
 * src/pipeline is the queue infrastructure these are built on, and never imports from here.
 */
import type { Job, Worker } from 'bullmq';
import { defaultThreadCount, startAnalyzerPool } from '../src/analysis/analyzer-pool.ts';
import { startDeliveryWorker } from './deliver.ts';
import { PainpointError } from '../src/errors/index.ts';
import { forNormalizedText } from '../src/nlp/components/text.ts';
import { startMonitorWorker } from './monitor.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { atJobBoundary } from '../src/pipeline/job-boundary.ts';
import { BATCH_STAGES, laneStage, type BatchStage } from '../src/pipeline/lanes.ts';
import type { StageResult } from '../src/pipeline/payloads.ts';
import type { BatchAnalyzer } from './analyze.ts';
import { startCrawlWorker } from './crawl.ts';
import { ingestProcessor } from './ingest.ts';
import { batchStorer, storeProcessor, type BatchStorer } from './store.ts';

/**
 * Every stage a worker can run, in the order of the flow; `painpoint worker` runs them all unless
 * told otherwise. `ingest` analyses too (on analyzer threads of its own); `crawl` runs with its own
 * Chromium, launched at the first crawl job; `deliver` sends alert webhooks and runs the outbox
 * sweep and escalation schedules; `monitor` checks the metric monitors and sends their findings.
 */
export const WORKER_STAGES = ['crawl', 'ingest', 'store', 'deliver', 'monitor'] as const;
export type WorkerStage = (typeof WORKER_STAGES)[number];

// Only the stages that carry an import's batches to the tallies (`import --wait`, `crawl --wait`),
// each of them a stage the worker runs.
BATCH_STAGES satisfies readonly WorkerStage[];
export { BATCH_STAGES };

/** What a processor of a batch stage is built from, once per worker. */
interface StageDeps {
  /** Only the ingest stage asks for it, so a worker without ingest loads no analyzer. */
  analyzer(): BatchAnalyzer;
  /** Where the worker runs the store stage too: ingest stores its batches itself (timed as the store's). */
  storeHere: BatchStorer | undefined;
}

type ProcessorFactory = (ctx: PipelineContext, deps: StageDeps) => (job: Job<never>) => Promise<StageResult>;

/** The processors of the batch stages. */
const BATCH_PROCESSORS = {
  ingest: (ctx, deps) => ingestProcessor(ctx, deps.analyzer(), deps.storeHere),
  store: (ctx) => storeProcessor(ctx),
} satisfies Record<BatchStage, ProcessorFactory>;

export interface StageTiming {
  jobs: number;
  items: number;
  /** Time spent inside the stage's processor, summed over its jobs. */
  ms: number;
}

export interface WorkerOptions {
  /** The stages to run: `parseStages` of `--stages`, or BATCH_STAGES. */
  stages: readonly WorkerStage[];
  /** Jobs each stage runs at once (default: config.pipeline.concurrency). */
  concurrency?: number | undefined;
  /** An analyzer already loaded (tests and the benchmark share one); analyzer threads otherwise. */
  analyzer?: BatchAnalyzer | undefined;
  /** Analyzer threads of the ingest stage (default: `defaultAnalyzerThreads()`). */
  analyzerThreads?: number | undefined;
}

/**
 * Analysis runs on threads of its own: every core but the one the main thread keeps busy with
 * queue traffic, ingest and the store.
 */
export function defaultAnalyzerThreads(): number {
  return Math.max(1, defaultThreadCount() - 1);
}

export interface PipelineWorker {
  readonly stages: readonly WorkerStage[];
  /** Processor time per batch stage since start: which stage limits throughput. */
  readonly timings: Readonly<Record<BatchStage, StageTiming>>;
  /**
   * Stops taking jobs and waits for those in flight to finish (their results enqueued or committed).
   * With `force`, returns at once: in-flight jobs lose their lock and go back to waiting for another
   * worker, which re-runs them; the store's unique key makes the re-run harmless.
   */
  close(force?: boolean): Promise<void>;
}

interface RunningStage {
  close(force?: boolean): Promise<void>;
}

interface StageStartup {
  concurrency: number;
  deps: StageDeps;
  timings: Record<BatchStage, StageTiming>;
}

type StageStarter = (ctx: PipelineContext, startup: StageStartup) => RunningStage | Promise<RunningStage>;

/** How each stage starts: the one registry of stages. */
const STAGE_STARTERS = {
  crawl: (ctx) => startCrawlWorker(ctx),
  ingest: (ctx, startup) => startBatchStage(ctx, 'ingest', startup),
  store: (ctx, startup) => startBatchStage(ctx, 'store', startup),
  deliver: (ctx) => startDeliveryWorker(ctx),
  monitor: (ctx) => startMonitorWorker(ctx),
} satisfies Record<WorkerStage, StageStarter>;

/** `--stages` as given (a comma-separated list; none: every stage). */
export function parseStages(spec: string | undefined): WorkerStage[] {
  if (!spec) return [...WORKER_STAGES];
  const stages = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of stages) {
    if (!(WORKER_STAGES as readonly string[]).includes(s)) {
      const hint = s === 'analyze' ? ' (analysis runs in the ingest stage)' : '';
      throw new PainpointError('INVALID_OPTION', `--stages: unknown stage "${s}"${hint} (expected some of ${WORKER_STAGES.join(', ')})`);
    }
  }
  return [...new Set(stages)] as WorkerStage[];
}

/**
 * Slots of a stage's bulk lane. Ingest's analysis runs on threads of its own and the rest on the
 * main thread, so more than two bulk batches at once there only queue CPU work in front of
 * everything else (a critical review's turn included). The store waits on Postgres, but six
 * 2,000-item statements at once on two cores kept a critical review's one-row store waiting for
 * Postgres for a second; three keep Postgres busy (100k-import bench, two runs each: import
 * throughput within 5%, the slowest critical store from 0.9–1.5 s to under 0.5 s). An ingest job
 * that stores its batch itself waits on Postgres for part of its time: a third slot keeps the
 * analyzer busy meanwhile, and no more than three bulk statements run at once unless workers
 * started with `--stages ingest` also hand batches to this one's store queue.
 */
function bulkSlots(stage: BatchStage, concurrency: number, storesHere: boolean): number {
  return Math.min(concurrency, stage === 'store' || storesHere ? 3 : 2);
}

/** A batch stage: its processor on the stage's queue (critical and normal lanes) and on its bulk lane, each with slots of its own. */
function startBatchStage(ctx: PipelineContext, stage: BatchStage, startup: StageStartup): RunningStage {
  const run = BATCH_PROCESSORS[stage](ctx, startup.deps) as (job: Job) => Promise<StageResult>;
  const timing = startup.timings[stage];
  const workers: Worker[] = [];
  const storesHere = stage === 'ingest' && startup.deps.storeHere !== undefined;
  for (const [queue, slots] of [[stage, startup.concurrency], [laneStage(stage, 'bulk'), bulkSlots(stage, startup.concurrency, storesHere)]] as const) {
    const processor = atJobBoundary(queue, ctx.logger, async (job: Job) => countIn(timing, await run(job)));
    const worker = ctx.queues.worker(queue, processor, {
      concurrency: slots,
      // A killed worker's jobs return to the queue after about lockMs; a batch's analysis takes far less.
      lockDuration: ctx.config.pipeline.lockMs,
      stalledInterval: Math.max(1_000, Math.round(ctx.config.pipeline.lockMs / 3)),
      maxStalledCount: 5,
    });
    worker.on('error', (err) => ctx.logger.error({ stage: queue, err: err.message }, 'worker error'));
    workers.push(worker as Worker);
  }
  return { close: (force = false) => Promise.all(workers.map((w) => w.close(force))).then(() => undefined) };
}

/** A batch's result, counted in its stage's timing. */
function countIn(timing: StageTiming, result: StageResult): StageResult {
  timing.jobs++;
  timing.items += result.items;
  timing.ms += result.ms;
  return result;
}

/** A storer that counts its batches in the store stage's timing, as a store job would be. */
function timedStorer(store: BatchStorer, timing: StageTiming): BatchStorer {
  return async (batch) => countIn(timing, await store(batch));
}

/** Starts the chosen stages on the context's queues. */
export async function startWorker(ctx: PipelineContext, options: WorkerOptions): Promise<PipelineWorker> {
  const stages = WORKER_STAGES.filter((s) => options.stages.includes(s));
  const concurrency = options.concurrency ?? ctx.config.pipeline.concurrency;
  const timings = Object.fromEntries(BATCH_STAGES.map((s) => [s, { jobs: 0, items: 0, ms: 0 }])) as Record<BatchStage, StageTiming>;
  // Analyzer threads unless the caller brings an analyzer. Ingest has normalized the texts it hands
  // over (and masked personal data in them): the analyzer takes them as they are.
  const threads =
    stages.includes('ingest') && !options.analyzer
      ? await startAnalyzerPool(ctx.config, { threads: options.analyzerThreads ?? defaultAnalyzerThreads(), pipeline: forNormalizedText(ctx.config.nlp.pipeline) })
      : undefined;
  const analyzer = options.analyzer ?? threads;
  const deps: StageDeps = {
    analyzer() {
      if (!analyzer) throw new Error('startWorker: the ingest stage without an analyzer');
      return analyzer;
    },
    storeHere: stages.includes('ingest') && stages.includes('store') ? timedStorer(batchStorer(ctx), timings.store) : undefined,
  };
  const running: RunningStage[] = [];
  try {
    for (const stage of stages) running.push(await STAGE_STARTERS[stage](ctx, { concurrency, deps, timings }));
  } catch (err) {
    // What was started must end too, or its threads and connections keep the process alive.
    await Promise.allSettled([...running.map((r) => r.close(true)), threads?.close()]);
    throw err;
  }
  ctx.logger.info({ stages, concurrency, backend: ctx.queues.backend }, 'pipeline worker started');

  let closing: Promise<void> | undefined;
  const closeAll = (force: boolean) => Promise.all(running.map((r) => r.close(force))).then(() => threads?.close());
  return {
    stages,
    timings,
    close(force = false) {
      if (force) return closeAll(true);
      closing ??= closeAll(false);
      return closing;
    },
  };
}
