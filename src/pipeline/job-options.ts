import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { PipelineConfig } from '../config/index.ts';

/**
 * Options of every pipeline job: retries with exponential backoff; failed jobs kept for inspection
 * (`painpoint queues`); completed ones trimmed, since their batch is in Postgres by then.
 */
export function pipelineJobOptions(config: Readonly<PipelineConfig>): JobsOptions {
  return {
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: { count: 200, age: 3600 },
    removeOnFail: false,
  };
}

/**
 * The id of a batch's job: its run and number plus a hash of its content, so the same batch enqueued
 * twice is one job, and two different batches that reuse a number (two crawls sharing a run id) are
 * never mistaken for each other. BullMQ reserves ':' in custom ids.
 */
export function batchJobId(runId: string, batchNo: number, content: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);
  return `${runId.replace(/:/gu, '_')}-${batchNo}-${hash}`;
}
