import type { SourceConfig } from '../../config/index.ts';
import { TransientError } from '../../errors/index.ts';
import { unstorableRejection, type Rejection } from '../../ingest/index.ts';
import type { PipelineContext } from '../../pipeline/context.ts';
import type { IngestEntry } from '../../pipeline/payloads.ts';
import { enqueueRecords } from '../../pipeline/producers.ts';
import { advanceCursor, markSeen, readCursor, seenAmong } from '../../store/crawl-cursors-repository.ts';
import { finishCrawlRun, recordCrawlProgress, startCrawlRun, type CrawlCounts, type CrawlRunStatus, type CrawlTrigger } from '../../store/crawl-runs-repository.ts';
import { finishReading, startImportRun } from '../../store/import-runs-repository.ts';
import type { BrowserHost } from './browser-host.ts';
import { judgeCrawl } from './crawl-health.ts';
import { crawlSource } from './crawler.ts';
import { postgresRateLimiter, type HostRateLimiter } from './host-rate-limiter.ts';
import { userAgentFor } from './sources-file.ts';

export interface CrawlRequest {
  trigger: CrawlTrigger;
  /** Pages per start URL instead of the source's limit. */
  maxPages?: number | undefined;
  /** Read every page up to the limit, even past items already seen. */
  full?: boolean | undefined;
  onProgress?: ((counts: CrawlCounts) => void) | undefined;
}

export interface CrawlSummary extends CrawlCounts {
  /** The crawl_runs row. */
  runId: number;
  /** The pipeline run its items travel under (feedback.import_id; `waitForImportRun`). */
  pipelineRunId: string;
  status: Exclude<CrawlRunStatus, 'running'>;
  stopReason: string;
  failures: string[];
  /** Why the source looks broken, when the verdict is `broken` (the crawl job raises it as crawl_broken). */
  brokenDetail?: string | undefined;
}

/**
 * One crawl of one source, with its bookkeeping: a crawl_runs row, the items' way into the ingest
 * queue (as a pipeline run, batch by batch as pages are read), the cursor, and the verdict (broken
 * when the source stopped yielding what it used to). Raising an alert about it is the caller's:
 * `crawlAndReport` in jobs/crawl.ts.
 */
export async function runCrawl(
  ctx: PipelineContext,
  browser: BrowserHost,
  source: SourceConfig,
  request: CrawlRequest,
  limiter: HostRateLimiter = postgresRateLimiter(ctx.pool),
): Promise<CrawlSummary> {
  const cursor = await readCursor(ctx.pool, source.id);
  const runId = await startCrawlRun(ctx.pool, source.id, request.trigger);
  const pipelineRunId = `crawl-${source.id}-${runId}`;
  await startImportRun(ctx.pool, { id: pipelineRunId, channel: source.channel, source: source.id });
  let nextBatch = 0;
  let read = 0;
  const log = ctx.logger.child({ source: source.id, crawlRun: runId });
  log.info({ trigger: request.trigger }, 'crawl started');

  let outcome;
  try {
    outcome = await crawlSource(
      {
        browser,
        limiter,
        logger: log,
        seen: {
          seenAmong: (ids) => seenAmong(ctx.pool, source.id, ids),
          markSeen: (ids) => markSeen(ctx.pool, source.id, ids, runId),
        },
        sink: async (records, pageUrl) => {
          // A review holding a NUL or half a character goes to rejected_items; the page's others go on.
          const entries: IngestEntry[] = [];
          const rejected: Rejection[] = [];
          for (const record of records) {
            const url = record.url ?? pageUrl;
            const unstorable = unstorableRejection(record, { source: source.id, at: `crawled from ${url}`, raw: () => JSON.stringify(record) });
            if (unstorable) rejected.push(unstorable);
            else entries.push({ record, origin: { url } });
          }
          if (rejected.length > 0) log.warn({ url: pageUrl, rejected: rejected.length }, 'crawled items rejected: they hold characters that cannot be stored');
          const result = await enqueueRecords(ctx, entries, { runId: pipelineRunId, firstBatch: nextBatch, rejected });
          nextBatch = result.nextBatch;
          read += records.length;
        },
        onProgress: async (counts) => {
          request.onProgress?.(counts);
          await recordCrawlProgress(ctx.pool, runId, counts);
        },
      },
      source,
      { userAgent: userAgentFor(source, ctx.config), maxPages: request.maxPages, stopAtSeen: !request.full },
    );
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? String(err);
    await finishReading(ctx.pool, pipelineRunId, read, nextBatch);
    const empty = { pages: 0, pagesFailed: 0, pagesBlocked: 0, itemsFound: 0, itemsNew: read, itemsSeen: 0, itemsInvalid: 0, errors: 1 };
    await finishCrawlRun(ctx.pool, runId, { ...empty, status: 'failed', stopReason: 'crawler error', detail: message });
    log.error({ err: message }, 'crawl failed');
    throw new TransientError('CRAWL_FAILED', `crawl of ${source.id} failed: ${message}`, err);
  }

  await finishReading(ctx.pool, pipelineRunId, read, nextBatch);
  const verdict = judgeCrawl(outcome, cursor, source.id);
  await advanceCursor(ctx.pool, source.id, { runId, itemsFound: outcome.itemsFound, newestExternalId: outcome.newestExternalId });
  await finishCrawlRun(ctx.pool, runId, { ...outcome, status: verdict.status, stopReason: outcome.stopReason, detail: verdict.detail });
  const { stopReason, failures } = outcome;
  log.info({ status: verdict.status, pages: outcome.pages, itemsNew: outcome.itemsNew, itemsSeen: outcome.itemsSeen, errors: outcome.errors, stopReason }, 'crawl finished');
  return {
    pages: outcome.pages,
    pagesFailed: outcome.pagesFailed,
    pagesBlocked: outcome.pagesBlocked,
    itemsFound: outcome.itemsFound,
    itemsNew: outcome.itemsNew,
    itemsSeen: outcome.itemsSeen,
    itemsInvalid: outcome.itemsInvalid,
    errors: outcome.errors,
    runId,
    pipelineRunId,
    status: verdict.status,
    stopReason,
    failures,
    brokenDetail: verdict.detail,
  };
}
