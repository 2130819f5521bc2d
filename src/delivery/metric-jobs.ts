import { deliveryJobOptions } from './runtime.ts';
import type { PipelineContext } from '../pipeline/context.ts';

/** Jobs of the monitor queue (here beside the metric deliveries it carries): a check of every monitor (the scheduler's), or one finding to one endpoint. */
export type MonitorJobData = { kind: 'check'; at?: string | undefined } | { kind: 'send'; id: number; endpoint: string };

/** The worker's job scheduler id (upserted by every worker: idempotent). */
export const MONITOR_SCHEDULER = 'painpoint-monitors-check';

/** Enqueues a finding's POSTs; the job id is the finding and endpoint, so enqueuing twice is one job. */
export async function enqueueMetricSends(ctx: PipelineContext, id: number, endpoints: readonly string[]): Promise<void> {
  if (endpoints.length === 0) return;
  // A finding's POST retries like an alert's (delivery.attempts, delivery.backoffMs).
  const opts = deliveryJobOptions(ctx.config);
  await ctx.queues.queue<MonitorJobData>('monitor').addBulk(
    endpoints.map((endpoint) => ({ name: 'send', data: { kind: 'send' as const, id, endpoint }, opts: { ...opts, jobId: `metric-${id}-${endpoint}` } })),
  );
}
