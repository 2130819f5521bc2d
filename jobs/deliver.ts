import type { Job } from 'bullmq';
import { flushDigest, sweepDeliveries } from '../src/delivery/dispatch.ts';
import type { DeliverJobData } from '../src/delivery/runtime.ts';
import { sendDelivery } from '../src/delivery/send.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { timeDelivery } from '../src/metrics/registry.ts';

/**
 * The deliver queue: one POST per job (an alert, digest, escalation or operational alert to one
 * endpoint), plus the chores that feed it: flushing a storm window at its end, and the outbox sweep.
 */
export function deliverProcessor(ctx: PipelineContext) {
  return async (job: Job<DeliverJobData>): Promise<unknown> => {
    const data = job.data;
    switch (data.kind) {
      case 'flush-digest':
        return flushDigest(ctx, data.id);
      case 'sweep':
        return sweepDeliveries(ctx);
      default:
        return timeDelivery(data, () => sendDelivery(ctx, { ...data, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 }));
    }
  };
}
