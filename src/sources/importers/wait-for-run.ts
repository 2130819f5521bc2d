import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { QueueKit } from '../../pipeline/context.ts';
import { BATCH_QUEUES } from '../../pipeline/lanes.ts';
import type { BatchRef } from '../../pipeline/payloads.ts';
import type { Stage } from '../../pipeline/queue-names.ts';
import { importRunProgress, type ImportRunProgress } from '../../store/import-runs-repository.ts';

/** A batch of the run whose job failed for good (its attempts spent) at some stage. */
export interface FailedBatch {
  stage: Stage;
  batchNo: number;
  records: number;
  reason: string;
}

export interface WaitedRun extends ImportRunProgress {
  /** Batches that will never be stored (see `painpoint queues`); empty when every batch went through. */
  failedBatches: FailedBatch[];
}

/**
 * Batches of a run that failed for good, from the queues' failed sets. Listed only when a stage has
 * failed jobs at all, so a healthy run costs a count per stage per poll.
 */
export async function failedBatchesOf(queues: QueueKit, runId: string): Promise<FailedBatch[]> {
  const out: FailedBatch[] = [];
  for (const stage of BATCH_QUEUES) {
    const queue = queues.queue<BatchRef>(stage);
    const { failed = 0 } = await queue.getJobCounts('failed');
    if (failed === 0) continue;
    for (const job of await queue.getFailed(0, Math.min(failed, 5000) - 1)) {
      if (job?.data?.runId === runId) out.push({ stage, batchNo: job.data.batchNo, records: job.data.records, reason: job.failedReason ?? 'unknown' });
    }
  }
  return out;
}

/**
 * Polls an import run until every batch is through the store stage or has failed for good (or the
 * time runs out): a failed batch ends the wait rather than holding it forever.
 */
export async function waitForImportRun(
  pool: pg.Pool,
  runId: string,
  options: { timeoutMs?: number; onProgress?: (p: ImportRunProgress) => void; queues?: QueueKit | undefined } = {},
): Promise<WaitedRun> {
  const deadline = Date.now() + (options.timeoutMs ?? Infinity);
  let failedBatches: FailedBatch[] = [];
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const progress = await importRunProgress(pool, runId);
    if (!progress) throw new Error(`no import run ${runId}`);
    options.onProgress?.(progress);
    if (progress.complete) return { ...progress, failedBatches: [] };
    if (options.queues && progress.batches !== null) {
      failedBatches = await failedBatchesOf(options.queues, runId);
      const failed = new Set(failedBatches.map((f) => f.batchNo)).size;
      if (failed > 0 && progress.batchesDone + failed >= progress.batches) return { ...progress, failedBatches };
    }
    if (Date.now() > deadline) return { ...progress, failedBatches };
    await sleep(delay);
  }
}
