import type { JobsOptions } from 'bullmq';
import type { Config } from '../config/index.ts';
import type { PipelineContext } from '../pipeline/context.ts';

/** Jobs of the monitor queue: a check of every monitor (the scheduler's), or one finding to one endpoint. */
export type MonitorJobData = { kind: 'check'; at?: string | undefined } | { kind: 'send'; id: number; endpoint: string };

/** The worker's job scheduler id (upserted by every worker: idempotent). */
export const MONITOR_SCHEDULER = 'painpoint-monitors-check';

/** A finding's POST retries like an alert's (delivery.attempts, delivery.backoffMs). */
export function sendJobOptions(config: Readonly<Config>): JobsOptions {
  return {
    attempts: config.delivery.attempts,
    backoff: { type: 'exponential', delay: config.delivery.backoffMs },
    removeOnComplete: { count: 5000, age: 24 * 3600 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** Enqueues a finding's POSTs; the job id is the finding and endpoint, so enqueuing twice is one job. */
export async function enqueueMetricSends(ctx: PipelineContext, id: number, endpoints: readonly string[]): Promise<void> {
  if (endpoints.length === 0) return;
  const opts = sendJobOptions(ctx.config);
  await ctx.queues.queue<MonitorJobData>('monitor').addBulk(
    endpoints.map((endpoint) => ({ name: 'send', data: { kind: 'send' as const, id, endpoint }, opts: { ...opts, jobId: `metric-${id}-${endpoint}` } })),
  );
}
