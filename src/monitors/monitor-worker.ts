import type { Worker } from 'bullmq';
import { monitorProcessor } from '../../jobs/monitor.ts';
import { syncMonitorSchedule } from '../../jobs/schedule.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { atJobBoundary } from '../pipeline/job-boundary.ts';
import { loadMonitors } from './load-monitors.ts';
import type { MonitorJobData } from './monitor-jobs.ts';

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
