import type { Job, Worker } from 'bullmq';
import { sendMetricAlert } from '../src/delivery/metric-send.ts';
import { loadMonitors } from '../src/monitors/load-monitors.ts';
import type { MonitorJobData } from '../src/delivery/metric-jobs.ts';
import { runMonitorCheck } from '../src/monitors/run-check.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { atJobBoundary } from '../src/pipeline/job-boundary.ts';
import { sendFromJob } from './deliver.ts';
import { syncMonitorSchedule } from './schedule.ts';

/**
 * The monitor queue: the scheduled check of every metric monitor (new findings recorded and
 * enqueued here), and one POST of one finding to one endpoint per send job (timed, and handed back
 * when the endpoint is only other workers', as alert deliveries are).
 */
export function monitorProcessor(ctx: PipelineContext) {
  return async (job: Job<MonitorJobData>, token?: string): Promise<unknown> => {
    const data = job.data;
    if (data.kind === 'send') {
      const task = { id: data.id, endpoint: data.endpoint, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 };
      return sendFromJob(ctx, job, token, { endpoint: data.endpoint, kind: 'metric' }, () => sendMetricAlert(ctx, task));
    }
    const findings = await runMonitorCheck(ctx, { at: data.at ? new Date(data.at) : undefined });
    return { findings: findings.length, new: findings.filter((f) => f.newId !== undefined).length };
  };
}

/**
 * The monitor queue's worker and its job scheduler (`monitors.every`). The monitors file is read at
 * start so a mistake in it stops the worker with the file and key named, not an hourly job.
 */
export async function startMonitorWorker(ctx: PipelineContext, options: { schedule?: boolean } = {}): Promise<{ close(force?: boolean): Promise<void> }> {
  const { file, monitors } = loadMonitors(ctx.config);
  const worker = ctx.queues.worker<MonitorJobData>('monitor', atJobBoundary('monitor', ctx.logger, monitorProcessor(ctx)), {
    concurrency: 4,
    lockDuration: Math.max(60_000, ctx.config.delivery.timeoutMs * 4),
  }) as Worker<MonitorJobData>;
  worker.on('error', (err) => ctx.logger.error({ queue: 'monitor', err: err.message }, 'worker error'));
  const schedule = options.schedule === false ? undefined : await syncMonitorSchedule(ctx);
  ctx.logger.info({ file, monitors: monitors.filter((m) => m.enabled).map((m) => m.id), everyMs: schedule?.everyMs }, 'monitor worker started');
  return { close: (force = false) => worker.close(force) };
}
