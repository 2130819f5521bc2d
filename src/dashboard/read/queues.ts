import type { QueueKit } from '../../pipeline/context.ts';
import { STAGES, type Stage } from '../../pipeline/queue-names.ts';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/** Failed jobs listed per queue. */
const FAILED_SHOWN = 20;

export interface FailedJob {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn: number | null;
}

export interface QueuesModel {
  backend: QueueKit['backend'];
  queues: { stage: Stage; counts: Record<(typeof JOB_STATES)[number], number>; failed: FailedJob[] }[];
}

/** Counts per queue and state, and the latest failed jobs with their reasons (both backends: BullMQ's own API). */
export async function loadQueues(kit: QueueKit): Promise<QueuesModel> {
  const queues = await Promise.all(
    STAGES.map(async (stage) => {
      const q = kit.queue(stage);
      const [counts, failed] = await Promise.all([q.getJobCounts(...JOB_STATES), q.getJobs(['failed'], 0, FAILED_SHOWN - 1)]);
      return {
        stage,
        counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as QueuesModel['queues'][number]['counts'],
        failed: failed.filter(Boolean).map((j) => ({ id: String(j.id), name: j.name, failedReason: j.failedReason ?? '', attemptsMade: j.attemptsMade, finishedOn: j.finishedOn ?? null })),
      };
    }),
  );
  return { backend: kit.backend, queues };
}

/** Retries one failed job, or every failed job of the queue; returns how many went back. */
export async function retryFailed(kit: QueueKit, stage: Stage, jobId: string | null): Promise<number> {
  const q = kit.queue(stage);
  if (jobId === null) {
    const n = (await q.getJobCounts('failed')).failed ?? 0;
    await q.retryJobs({ state: 'failed' });
    return n;
  }
  const job = await q.getJob(jobId);
  if (!job || (await job.getState()) !== 'failed') return 0;
  await job.retry('failed');
  return 1;
}
