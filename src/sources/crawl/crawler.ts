import type { SourceConfig } from '../../config/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { CrawlCounts } from '../../store/crawl-runs-repository.ts';
import type { FeedbackRecord } from '../../domain/index.ts';
import type { BrowserHost } from './browser-host.ts';
import type { HostRateLimiter } from './host-rate-limiter.ts';
import { fieldSpecs, itemToRecord } from './item-record.ts';
import { loadPage } from './page-loader.ts';
import { extractItemsScript, type ExtractedItems } from './page-scripts.ts';
import { paginatorFor } from './pagination.ts';
import { installRequestGate } from './request-gate.ts';
import { RobotsCache } from './robots/robots-cache.ts';

/** What the crawler remembers between runs (Postgres in production). */
export interface SeenItems {
  /** The ids among these the source has yielded before. */
  seenAmong(externalIds: readonly string[]): Promise<Set<string>>;
  /** Remember ids; called only after their records reached the sink. */
  markSeen(externalIds: readonly string[]): Promise<void>;
}

export interface CrawlDependencies {
  browser: BrowserHost;
  limiter: HostRateLimiter;
  seen: SeenItems;
  /** Receives each page's new records before they count as seen (the ingest queue in production). */
  sink(records: FeedbackRecord[], pageUrl: string): Promise<void>;
  logger: Logger;
  /** Called after every page with the counts so far. */
  onProgress?(counts: CrawlCounts): void | Promise<void>;
}

export interface CrawlOptions {
  userAgent: string;
  /** Pages per start URL; default: the source's pagination limit. */
  maxPages?: number | undefined;
  /** Stop paging at the first page holding an item seen before (scheduled crawls). */
  stopAtSeen: boolean;
  now?: () => Date;
}

export interface CrawlOutcome extends CrawlCounts {
  /** Why the last start URL stopped paging. */
  stopReason: string;
  /** One line per failed page or pagination step. */
  failures: string[];
  /** The first item of the first page: the newest item, where the site lists newest first. */
  newestExternalId: string | undefined;
}

/**
 * Crawls one source: every start URL, page by page (next links, load-more clicks or scrolls),
 * items extracted with the source's selectors and transforms. Each page's new records go to the
 * sink before the next page is read, so a crash loses nothing already read.
 */
export async function crawlSource(deps: CrawlDependencies, source: SourceConfig, options: CrawlOptions): Promise<CrawlOutcome> {
  const { logger } = deps;
  const counts: CrawlCounts = { pages: 0, pagesFailed: 0, pagesBlocked: 0, itemsFound: 0, itemsNew: 0, itemsSeen: 0, itemsInvalid: 0, errors: 0 };
  const failures: string[] = [];
  const inRun = new Set<string>();
  let newestExternalId: string | undefined;
  let stopReason = 'no start URL';
  // Pages robots.txt kept us from: next links we did not follow, plus requests the gate refused.
  let navigationsBlocked = 0;
  const fail = (line: string) => {
    failures.push(line);
    counts.errors++;
    logger.warn({ source: source.id, failure: line }, 'crawl failure');
  };

  const robots = new RobotsCache({ userAgent: options.userAgent, rate: source.rate, timeoutMs: source.timeoutMs, limiter: deps.limiter, logger });
  const context = await deps.browser.newContext({ userAgent: options.userAgent, cookies: cookiesFor(source) });
  try {
    const gate = await installRequestGate(context, { robots, limiter: deps.limiter, rate: source.rate, timeoutMs: source.timeoutMs, logger });
    const page = await context.newPage();
    page.setDefaultTimeout(source.timeoutMs);
    const paginator = paginatorFor(source);
    const maxPages = options.maxPages ?? paginator.maxPages;
    const specs = fieldSpecs(source);

    /** Reads the page's items past `from`; says whether any was seen before, and how many it shows. */
    const readPage = async (from: number): Promise<{ reachedSeen: boolean; total: number }> => {
      const { items: raws, total } = (await page.evaluate(extractItemsScript({ item: source.item, from, fields: specs }))) as ExtractedItems;
      counts.pages++;
      const pageUrl = page.url();
      const records: FeedbackRecord[] = [];
      for (const raw of raws) {
        const result = itemToRecord(raw, { source, pageUrl, now: options.now?.() ?? new Date() });
        if (result.ok) records.push(result.record);
        else {
          counts.itemsInvalid++;
          logger.warn({ source: source.id, url: pageUrl, field: result.field }, `item skipped: ${result.reason}`);
        }
      }
      newestExternalId ??= records[0]?.externalId;
      counts.itemsFound += records.length;
      const ids = records.map((r) => r.externalId!);
      const before = await deps.seen.seenAmong(ids);
      // Seen in an earlier run, not just on an earlier page of this one (a listing that shifted
      // while we paged repeats an item; that is no sign of having caught up).
      const seenEarlier = ids.some((id) => before.has(id) && !inRun.has(id));
      const fresh = records.filter((r) => !before.has(r.externalId!) && !inRun.has(r.externalId!));
      for (const id of ids) inRun.add(id);
      if (fresh.length > 0) {
        await deps.sink(fresh, pageUrl);
        await deps.seen.markSeen(fresh.map((r) => r.externalId!));
      }
      counts.itemsNew += fresh.length;
      counts.itemsSeen += records.length - fresh.length;
      counts.pagesBlocked = navigationsBlocked + gate.blocked;
      await deps.onProgress?.({ ...counts });
      return { reachedSeen: seenEarlier, total };
    };

    /** Pages from one start URL until the pagination ends; returns why it stopped. */
    const crawlFrom = async (startUrl: string): Promise<string> => {
      let url = startUrl;
      let pageNo = 0;
      let from = 0;
      let navigate = true;
      for (;;) {
        if (navigate) {
          if (!(await robots.policyFor(url)).isAllowed(url)) {
            navigationsBlocked++;
            counts.pagesBlocked = navigationsBlocked + gate.blocked;
            return `robots.txt disallows ${url}`;
          }
          const loaded = await loadPage(page, url, source, gate, logger);
          if (!loaded.ok) {
            counts.pagesFailed++;
            fail(`${url}: ${loaded.reason} (after ${loaded.attempts} attempt${loaded.attempts === 1 ? '' : 's'})`);
            return 'page failed';
          }
          from = 0;
        }
        pageNo++;
        const { reachedSeen, total } = await readPage(from);
        from = total;
        if (options.stopAtSeen && reachedSeen) return 'reached items already seen';
        if (pageNo >= maxPages) return `max pages (${maxPages})`;
        try {
          const turn = await paginator.turn(page, from, gate);
          if (turn.kind === 'end') return turn.reason;
          navigate = turn.kind === 'navigate';
          if (turn.kind === 'navigate') url = turn.url;
        } catch (err) {
          fail(`${page.url()}: pagination failed: ${(err as Error).message.split('\n')[0]}`);
          return 'pagination failed';
        }
      }
    };

    for (const startUrl of source.startUrls) {
      stopReason = await crawlFrom(startUrl);
    }
    counts.pagesBlocked = navigationsBlocked + gate.blocked;
  } finally {
    await context.close().catch(() => undefined);
  }
  return { ...counts, stopReason, failures, newestExternalId };
}

function cookiesFor(source: SourceConfig) {
  if (!source.cookies?.length) return undefined;
  const host = new URL(source.startUrls[0]!).hostname;
  return source.cookies.map((c) => ({ ...c, domain: c.domain ?? host }));
}
