import type { SourceConfig } from '../src/config/index.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { MONITOR_SCHEDULER, type MonitorJobData } from '../src/delivery/metric-jobs.ts';
import { CRAWL_JOB_OPTIONS, type CrawlJobData } from './crawl.ts';

/** Scheduler ids painpoint owns on the crawl queue: `crawl-<source id>`. */
const SCHEDULER_PREFIX = 'crawl-';

export function schedulerId(sourceId: string): string {
  return `${SCHEDULER_PREFIX}${sourceId}`;
}

export interface ScheduleSync {
  /** Sources with a schedule now registered (created or updated). */
  upserted: { sourceId: string; pattern: string; timezone: string; next: Date | undefined }[];
  /** Scheduler ids removed: their source is gone, disabled or has no schedule any more. */
  removed: string[];
}

/**
 * Makes the crawl queue's job schedulers match the sources file: one per enabled source with a
 * `schedule` (BullMQ's upsertJobScheduler, so running it again changes nothing), and none for any
 * other. The worker's crawl queue then runs them; no command is needed at crawl time.
 */
export async function syncCrawlSchedules(ctx: PipelineContext, sources: readonly SourceConfig[]): Promise<ScheduleSync> {
  const queue = ctx.queues.queue<CrawlJobData>('crawl');
  const wanted = sources.filter((s) => s.enabled && s.schedule);
  const upserted: ScheduleSync['upserted'] = [];
  for (const source of wanted) {
    const job = await queue.upsertJobScheduler(
      schedulerId(source.id),
      { pattern: source.schedule!, tz: source.timezone },
      { name: 'crawl', data: { sourceId: source.id, trigger: 'schedule' }, opts: CRAWL_JOB_OPTIONS },
    );
    const next = job?.timestamp !== undefined ? new Date(job.timestamp + (job.opts.delay ?? 0)) : undefined;
    upserted.push({ sourceId: source.id, pattern: source.schedule!, timezone: source.timezone, next });
  }
  const keep = new Set(wanted.map((s) => schedulerId(s.id)));
  const removed: string[] = [];
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (id.startsWith(SCHEDULER_PREFIX) && !keep.has(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  ctx.logger.info({ upserted: upserted.map((u) => u.sourceId), removed }, 'crawl schedules synced');
  return { upserted, removed };
}

/** The crawl schedules registered now. */
export async function listCrawlSchedules(ctx: PipelineContext): Promise<{ id: string; pattern: string | undefined; tz: string | undefined; next: Date | undefined }[]> {
  const schedulers = await ctx.queues.queue<CrawlJobData>('crawl').getJobSchedulers(0, -1);
  return schedulers
    .filter((s) => s.key.startsWith(SCHEDULER_PREFIX))
    .map((s) => ({ id: s.key, pattern: s.pattern ?? undefined, tz: s.tz ?? undefined, next: s.next === undefined ? undefined : new Date(s.next) }));
}

/**
 * The monitors' job scheduler on the monitor queue: every `monitors.every` (default hourly) the
 * worker checks every monitor. Upserting is idempotent, so every worker process may do it.
 */
export async function syncMonitorSchedule(ctx: PipelineContext): Promise<{ id: string; everyMs: number }> {
  const everyMs = ctx.config.monitors.every;
  await ctx.queues.queue<MonitorJobData>('monitor').upsertJobScheduler(MONITOR_SCHEDULER, { every: everyMs }, { name: 'check', data: { kind: 'check' } });
  return { id: MONITOR_SCHEDULER, everyMs };
}

/** When the monitors' scheduler runs next (undefined: not registered). */
export async function monitorScheduleNext(ctx: PipelineContext): Promise<Date | undefined> {
  const s = (await ctx.queues.queue<MonitorJobData>('monitor').getJobSchedulers(0, -1)).find((x) => x.key === MONITOR_SCHEDULER);
  return s?.next === undefined ? undefined : new Date(s.next);
}
