import type { Job } from 'bullmq';
import { sendMetricAlert } from '../src/delivery/metric-send.ts';
import type { MonitorJobData } from '../src/monitors/monitor-jobs.ts';
import { runMonitorCheck } from '../src/monitors/run-check.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';

/**
 * The monitor queue: the scheduled check of every metric monitor (new findings recorded and
 * enqueued here), and one POST of one finding to one endpoint per send job.
 */
export function monitorProcessor(ctx: PipelineContext) {
  return async (job: Job<MonitorJobData>): Promise<unknown> => {
    const data = job.data;
    if (data.kind === 'send') return sendMetricAlert(ctx, { id: data.id, endpoint: data.endpoint, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
    const findings = await runMonitorCheck(ctx, { at: data.at ? new Date(data.at) : undefined });
    return { findings: findings.length, new: findings.filter((f) => f.newId !== undefined).length };
  };
}
