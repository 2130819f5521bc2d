import type { Job, JobsOptions, Worker } from 'bullmq';
import type { SourceConfig } from '../src/config/index.ts';
import { raiseOperationalAlert } from '../src/delivery/operational.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import { atJobBoundary } from '../src/pipeline/job-boundary.ts';
import { BrowserHost, chromiumPath, findSource, loadSources, runCrawl, sourcesFilePath, type CrawlRequest, type CrawlSummary } from '../src/sources/crawl/index.ts';
import type { CrawlTrigger } from '../src/store/crawl-runs-repository.ts';
import { observeCrawl } from '../src/metrics/registry.ts';

/** A crawl job: one source, crawled now. Scheduled jobs come from `painpoint schedule sync`. */
export interface CrawlJobData {
  sourceId: string;
  trigger: CrawlTrigger;
  maxPages?: number | undefined;
  full?: boolean | undefined;
}

export type CrawlJobResult = CrawlSummary | { skipped: string };

/**
 * Options of crawl jobs. One retry only: a crawl that failed outright (browser crash, database
 * gone) is worth one more go, but its schedule brings the next one soon anyway.
 */
export const CRAWL_JOB_OPTIONS: JobsOptions = {
  attempts: 2,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 500 },
};

/**
 * One crawl of a source, and a crawl_broken operational alert when the crawler's verdict is that
 * the source is broken (its pages no longer parse, or it blocks us): what a crawl job and
 * `painpoint crawl` run.
 */
export async function crawlAndReport(ctx: PipelineContext, browser: BrowserHost, source: SourceConfig, request: CrawlRequest): Promise<CrawlSummary> {
  const summary = await runCrawl(ctx, browser, source, request);
  if (summary.status === 'broken') {
    await raiseOperationalAlert(ctx, { kind: 'crawl_broken', source: source.id, detail: summary.brokenDetail ?? summary.stopReason });
  }
  return summary;
}

/**
 * The crawl queue's processor. The sources file is read at every job, so an edited sources.yaml
 * takes effect without restarting workers; a source removed or disabled since its schedule was
 * synced is skipped (and `schedule sync` removes its schedule).
 */
export function crawlProcessor(ctx: PipelineContext, browser: BrowserHost) {
  return async (job: Job<CrawlJobData>): Promise<CrawlJobResult> => {
    const { sourceId, trigger, maxPages, full } = job.data;
    const source = findSource(loadSources(ctx.config), sourceId, sourcesFilePath(ctx.config));
    if (!source.enabled) {
      ctx.logger.info({ source: sourceId }, 'crawl skipped: source disabled');
      return { skipped: 'source disabled' };
    }
    return observeCrawl(sourceId, await crawlAndReport(ctx, browser, source, { trigger, maxPages, full }));
  };
}

export interface CrawlWorker {
  readonly worker: Worker<CrawlJobData, CrawlJobResult>;
  /** Stops taking jobs, lets the running crawl finish, then closes the browser. */
  close(force?: boolean): Promise<void>;
}

/**
 * A worker for the crawl queue with its own Chromium, launched at the first job and reused by every
 * job of this process (each job gets a fresh browser context). One crawl at a time by default:
 * a browser page costs far more memory and CPU than a pipeline batch.
 */
export function startCrawlWorker(ctx: PipelineContext, options: { concurrency?: number } = {}): CrawlWorker {
  const browser = new BrowserHost({ executablePath: chromiumPath(ctx.config), logger: ctx.logger });
  const processor = atJobBoundary<CrawlJobData, CrawlJobResult>('crawl', ctx.logger, crawlProcessor(ctx, browser));
  const worker = ctx.queues.worker<CrawlJobData, CrawlJobResult>('crawl', processor, {
    concurrency: options.concurrency ?? 1,
    lockDuration: 60_000,
    stalledInterval: 30_000,
  });
  worker.on('error', (err) => ctx.logger.error({ stage: 'crawl', err: err.message }, 'worker error'));
  let closing: Promise<void> | undefined;
  return {
    worker,
    close(force = false) {
      closing ??= worker.close(force).then(() => browser.close());
      return closing;
    },
  };
}
