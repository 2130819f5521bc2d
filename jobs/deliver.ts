import { DelayedError, type Job, type Worker } from 'bullmq';
import { flushDigest, sweepDeliveries } from '../src/delivery/dispatch.ts';
import { checkDeliveryRegistry, EndpointNotHere } from '../src/delivery/endpoint-registry.ts';
import { deliveryRuntime, type DeliverJobData } from '../src/delivery/runtime.ts';
import { sendDelivery } from '../src/delivery/send.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { atJobBoundary } from '../src/pipeline/job-boundary.ts';
import { escalateProcessor } from './escalate.ts';

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
        return sendFromJob(ctx, job, token, data, () => sendDelivery(ctx, { ...data, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 }));
    }
  };
}

/**
 * One send of a delivery job (attemptDelivery times the POST); a job for an endpoint only other workers are configured with
 * (EndpointNotHere) goes back to the queue without using an attempt. Alerts and metric findings alike.
 */
export async function sendFromJob<T>(ctx: PipelineContext, job: Job, token: string | undefined, target: { endpoint: string; kind: string }, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!(err instanceof EndpointNotHere) || !token) throw err;
    ctx.logger.warn({ jobId: job.id, endpoint: target.endpoint, kind: target.kind }, 'delivery handed back: endpoint not configured in this worker');
    await job.moveToDelayed(Date.now() + HAND_BACK_MS, token);
    throw new DelayedError();
  }
}

export interface DeliveryWorker {
  close(force?: boolean): Promise<void>;
}

const SWEEP_SCHEDULER = 'painpoint-delivery-sweep';
const ESCALATE_SCHEDULER = 'painpoint-escalate-overdue';

/**
 * Workers for the deliver and escalate queues, and the two job schedulers that keep the outbox
 * honest: the sweep (pending alerts left without a job) and the overdue check (escalation).
 * Upserting a scheduler is idempotent, so every worker process may do it. At start the worker
 * registers its endpoints as the deployment's routes, and refuses to start if alerts are routed
 * to an endpoint it is not configured with.
 */
export async function startDeliveryWorker(ctx: PipelineContext, options: { concurrency?: number; schedules?: boolean } = {}): Promise<DeliveryWorker> {
  const runtime = deliveryRuntime(ctx.config); // endpoint and secret problems surface at start, not per job
  await checkDeliveryRegistry(ctx); // its endpoints registered; none routed to that it cannot send to
  const delivery = ctx.config.delivery;
  const workers: Worker[] = [
    ctx.queues.worker<DeliverJobData>('deliver', atJobBoundary('deliver', ctx.logger, deliverProcessor(ctx)), {
      concurrency: options.concurrency ?? delivery.concurrency,
      lockDuration: Math.max(15_000, delivery.timeoutMs * 4),
    }) as Worker,
    ctx.queues.worker('escalate', atJobBoundary('escalate', ctx.logger, escalateProcessor(ctx)), { concurrency: 1 }) as Worker,
  ];
  for (const w of workers) w.on('error', (err) => ctx.logger.error({ queue: w.name, err: err.message }, 'worker error'));
  if (options.schedules !== false) {
    await ctx.queues.queue<DeliverJobData>('deliver').upsertJobScheduler(SWEEP_SCHEDULER, { every: delivery.sweepEverySeconds * 1000 }, { name: 'sweep', data: { kind: 'sweep' } });
    await ctx.queues.queue('escalate').upsertJobScheduler(ESCALATE_SCHEDULER, { every: delivery.escalateEverySeconds * 1000 }, { name: 'escalate', data: {} });
  }
  ctx.logger.info({ endpoints: runtime.endpoints.map((e) => `${e.name}:${e.format}`), concurrency: options.concurrency ?? delivery.concurrency }, 'delivery worker started');
  return {
    async close(force = false) {
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
