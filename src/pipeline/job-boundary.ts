import { DelayedError, UnrecoverableError, type Job, type Processor } from 'bullmq';
import { PainpointError } from '../errors/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Stage } from './queue-names.ts';

/**
 * The one place where painpoint's errors meet BullMQ's: a PainpointError that says retrying cannot
 * help becomes an UnrecoverableError (the job fails at once and is kept), anything else is thrown
 * as it is and retried with backoff. Also times each job for the stage timings.
 */
export function atJobBoundary<Data, Result>(
  stage: Stage,
  logger: Logger,
  run: (job: Job<Data, Result>, token?: string) => Promise<Result>,
  onTimed?: (stage: Stage, ms: number, job: Job<Data, Result>) => void,
): Processor<Data, Result> {
  return async (job, token) => {
    const started = performance.now();
    try {
      const result = await run(job, token);
      onTimed?.(stage, performance.now() - started, job);
      return result;
    } catch (err) {
      if (err instanceof DelayedError) throw err; // the job moved itself back to the queue
      const attempt = job.attemptsMade + 1;
      if (err instanceof PainpointError && !err.retryable) {
        logger.error({ stage, jobId: job.id, code: err.code, err: err.message }, 'job failed; not retrying');
        throw new UnrecoverableError(`${err.code}: ${err.message}`);
      }
      logger.warn({ stage, jobId: job.id, attempt, err: err instanceof Error ? err.message : String(err) }, 'job failed; will retry');
      throw err;
    }
  };
}
