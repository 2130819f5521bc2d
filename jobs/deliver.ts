import { DelayedError, type Job } from 'bullmq';
import { flushDigest, sweepDeliveries } from '../src/delivery/dispatch.ts';
import { EndpointNotHere } from '../src/delivery/endpoint-registry.ts';
import type { DeliverJobData } from '../src/delivery/runtime.ts';
import { sendDelivery } from '../src/delivery/send.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { timeDelivery } from '../src/metrics/registry.ts';

/** How long a job for an endpoint this worker does not know waits before a worker takes it again. */
const HAND_BACK_MS = 2_000;

/**
 * The deliver queue: one POST per job (an alert, digest, escalation or operational alert to one
 * endpoint), plus the chores that feed it: flushing a storm window at its end, and the outbox sweep.
 * A job for an endpoint only other workers are configured with goes back to the queue without
 * using an attempt, so it is never marked `failed` for want of the right worker.
 */
export function deliverProcessor(ctx: PipelineContext) {
  return async (job: Job<DeliverJobData>, token?: string): Promise<unknown> => {
    const data = job.data;
    switch (data.kind) {
      case 'flush-digest':
        return flushDigest(ctx, data.id);
      case 'sweep':
        return sweepDeliveries(ctx);
      default:
        try {
          return await timeDelivery(data, () => sendDelivery(ctx, { ...data, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 }));
        } catch (err) {
          if (!(err instanceof EndpointNotHere) || !token) throw err;
          ctx.logger.warn({ jobId: job.id, endpoint: data.endpoint }, 'delivery handed back: endpoint not configured in this worker');
          await job.moveToDelayed(Date.now() + HAND_BACK_MS, token);
          throw new DelayedError();
        }
    }
  };
}
