import type { Worker } from 'bullmq';
import { analyzeProcessor, type BatchAnalyzer } from '../../jobs/analyze.ts';
import { startCrawlWorker } from '../../jobs/crawl.ts';
import { ingestProcessor } from '../../jobs/ingest.ts';
import { storeProcessor } from '../../jobs/store.ts';
import { startDeliveryWorker } from '../../jobs/deliver.ts';
import { startMonitorWorker } from '../../jobs/monitor.ts';
import { defaultThreadCount, startAnalyzerPool } from '../analysis/analyzer-pool.ts';
import { PainpointError } from '../errors/index.ts';
import type { PipelineContext } from './context.ts';
import { atJobBoundary } from './job-boundary.ts';
import { laneStage } from './lanes.ts';
import type { StageResult } from './payloads.ts';

/**
 * The stages a pipeline worker runs. `crawl` runs with its own Chromium, launched at the first
 * crawl job; `deliver` sends alert webhooks and runs the outbox sweep and escalation schedules.
 * `monitor` checks the metric monitors on a schedule and sends their findings.
 * `painpoint worker` runs all three by default, while `startPipelineWorker` without `stages`
 * (import --wait, tests) leaves them out.
 */
export const PIPELINE_STAGES = ['ingest', 'analyze', 'store', 'crawl', 'deliver', 'monitor'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface StageTiming {
  jobs: number;
  items: number;
  /** Time spent inside the stage's processor, summed over its jobs. */
  ms: number;
}

export interface PipelineWorkerOptions {
  stages?: readonly PipelineStage[];
  /** Jobs each stage runs at once (default: config.pipeline.concurrency). */
  concurrency?: number;
  /** An analyzer already loaded (tests and the benchmark share one); loaded from config otherwise. */
  analyzer?: BatchAnalyzer;
}

export interface PipelineWorker {
  readonly stages: readonly PipelineStage[];
  /** Processor time per stage since start: which stage limits throughput. */
  readonly timings: Readonly<Record<PipelineStage, StageTiming>>;
  /**
   * Stops taking jobs and waits for those in flight to finish (their results enqueued or committed).
   * With `force`, returns at once: in-flight jobs lose their lock and go back to waiting for another
   * worker, which re-runs them; the store's unique key makes the re-run harmless.
   */
  close(force?: boolean): Promise<void>;
}

/**
 * Slots of a stage's bulk lane. Ingest runs on the main thread and analysis on one thread of its
 * own, so more than two bulk batches at once there only queue CPU work in front of everything else
 * (a critical review's turn included). The store waits on Postgres, but six 2,000-item statements
 * at once on two cores kept a critical review's one-row store waiting for Postgres for a second;
 * three keep Postgres busy (100k-import bench, two runs each: import throughput within 5%, the
 * slowest critical store from 0.9–1.5 s to under 0.5 s).
 */
function bulkSlots(stage: 'ingest' | 'analyze' | 'store', concurrency: number): number {
  return Math.min(concurrency, stage === 'store' ? 3 : 2);
}

export function parseStages(spec: string | undefined): PipelineStage[] {
  if (!spec) return [...PIPELINE_STAGES];
  const stages = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of stages) {
    if (!(PIPELINE_STAGES as readonly string[]).includes(s)) {
      throw new PainpointError('INVALID_OPTION', `--stages: unknown stage "${s}" (expected some of ${PIPELINE_STAGES.join(', ')})`);
    }
  }
  return [...new Set(stages)] as PipelineStage[];
}

/** Starts BullMQ workers for the chosen stages on the context's queues. */
export async function startPipelineWorker(ctx: PipelineContext, options: PipelineWorkerOptions = {}): Promise<PipelineWorker> {
  const stages = options.stages ?? PIPELINE_STAGES.filter((s) => s !== 'crawl' && s !== 'deliver' && s !== 'monitor');
  const concurrency = options.concurrency ?? ctx.config.pipeline.concurrency;
  const timings = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, { jobs: 0, items: 0, ms: 0 }])) as Record<PipelineStage, StageTiming>;
  const record = (stage: PipelineStage) => (result: StageResult) => {
    const t = timings[stage];
    t.jobs++;
    t.items += result.items;
    t.ms += result.ms;
    return result;
  };

  // Analysis runs on threads of its own (every core but the one this thread keeps busy with queue
  // traffic and the store) unless the caller brings an analyzer.
  const thread = stages.includes('analyze') && !options.analyzer ? await startAnalyzerPool(ctx.config, { threads: Math.max(1, defaultThreadCount() - 1) }) : undefined;
  const analyzer = options.analyzer ?? thread;
  const processors: Record<Exclude<PipelineStage, 'crawl' | 'deliver' | 'monitor'>, () => (job: never) => Promise<StageResult>> = {
    ingest: () => ingestProcessor(ctx),
    analyze: () => analyzeProcessor(ctx, analyzer!),
    store: () => storeProcessor(ctx),
  };

  const workers: Worker[] = [];
  const crawl = stages.includes('crawl') ? startCrawlWorker(ctx) : undefined;
  let delivery: Awaited<ReturnType<typeof startDeliveryWorker>> | undefined;
  try {
    delivery = stages.includes('deliver') ? await startDeliveryWorker(ctx) : undefined;
  } catch (err) {
    // What was started must end too, or its thread and connections keep the process alive.
    await Promise.allSettled([crawl?.close(true), thread?.close()]);
    throw err;
  }
  const monitor = stages.includes('monitor') ? await startMonitorWorker(ctx) : undefined;
  for (const stage of stages) {
    if (stage === 'crawl' || stage === 'deliver' || stage === 'monitor') continue;
    const run = processors[stage]() as (job: unknown) => Promise<StageResult>;
    const done = record(stage);
    // The stage's queue (critical and normal lanes) and its bulk lane each get their own slots.
    for (const [queue, slots] of [[stage, concurrency], [laneStage(stage, 'bulk'), bulkSlots(stage, concurrency)]] as const) {
      const processor = atJobBoundary(queue, ctx.logger, async (job) => done(await run(job)));
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
  }
  ctx.logger.info({ stages, concurrency, backend: ctx.queues.backend }, 'pipeline worker started');

  let closing: Promise<void> | undefined;
  return {
    stages,
    timings,
    close(force = false) {
      if (force) return Promise.all([...workers.map((w) => w.close(true)), crawl?.close(true), delivery?.close(true), monitor?.close(true)]).then(() => thread?.close());
      closing ??= Promise.all([...workers.map((w) => w.close()), crawl?.close(), delivery?.close(), monitor?.close()]).then(() => thread?.close());
      return closing;
    },
  };
}
