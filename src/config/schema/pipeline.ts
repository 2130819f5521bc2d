import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../../domain/time-zone.ts';

// Also exported here, where src/store/feedback-repository.ts imports it from.
export { DEFAULT_TIME_ZONE };

/** An IANA time zone name that this runtime's Intl knows. */
export const timeZoneName = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not a time zone name (e.g. Asia/Shanghai)');

export const pipelineSchema = z
  .object({
    /** Prefix of every queue name, so several deployments can share one Redis or Postgres. */
    queuePrefix: z.string().min(1).default('painpoint'),
    /**
     * Items per job: jobs carry batches because a job per item would cap throughput, and each job
     * still costs queue round trips and a store statement (2000 measured 12–15% faster end to end
     * than 500, 1000 in between).
     */
    batchSize: z.number().int().min(1).max(10_000).default(2_000),
    /** Jobs a worker runs at once per pipeline stage: the store waits on Postgres while analysis runs, so more than one pays (6 measured best on 2 cores). */
    concurrency: z.number().int().min(1).max(64).default(6),
    /** Attempts per job before it is kept as failed. */
    attempts: z.number().int().min(1).max(100).default(8),
    /** Mask personal data (phones, ID cards, e-mail, bank cards) in stored text. */
    maskPersonalData: z.boolean().default(true),
    /** Zone of imported wall-clock times without one ("2026-11-03 18:22:05"). */
    timeZone: timeZoneName.default(DEFAULT_TIME_ZONE),
    /** Delay before a failed job's first retry; each further retry waits twice as long. */
    backoffMs: z.number().int().min(0).default(1_000),
    /**
     * How long a worker's hold on a job lasts without renewal: when a worker dies, its jobs go back
     * to the queue after about this long. Must stay well above the time one batch takes to analyse.
     */
    lockMs: z.number().int().min(1_000).default(15_000),
    /**
     * `painpoint worker`: after SIGTERM/SIGINT, how long jobs in flight may take to finish before
     * the worker hands them back to the queue and exits anyway (a lost Redis never finishes them).
     */
    shutdownTimeoutSeconds: z.number().min(0).max(3600).default(10),
    /** Batches an import keeps waiting at its bulk stages (ingest with its analysis, store) before it pauses reading (back-pressure). */
    maxQueuedBatches: z.number().int().min(1).default(16),
  })
  .strict();

export type PipelineConfig = z.output<typeof pipelineSchema>;
