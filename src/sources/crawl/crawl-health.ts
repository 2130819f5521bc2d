import type { CrawlCursor } from '../../store/crawl-cursors-repository.ts';
import type { CrawlRunStatus } from '../../store/crawl-runs-repository.ts';
import type { CrawlOutcome } from './crawler.ts';

export interface CrawlVerdict {
  status: Exclude<CrawlRunStatus, 'running' | 'failed'>;
  /** Why the source is broken: the sentence the crawl_broken alert carries. */
  detail?: string | undefined;
}

/**
 * Whether a crawl that finished shows a source gone wrong. A site that changes its markup rarely
 * fails loudly: the item selector just matches nothing. So a run is `broken` when pages failed
 * after their retries, when the source yielded items before and this run found none, or when items
 * matched but none had text (the field selectors stopped matching). A first run that finds nothing
 * is only `empty`: there is nothing yet to compare with.
 */
export function judgeCrawl(outcome: CrawlOutcome, cursor: CrawlCursor | undefined, sourceId: string): CrawlVerdict {
  const reasons: string[] = [];
  if (outcome.pagesFailed > 0) reasons.push(`${outcome.pagesFailed} page(s) failed: ${outcome.failures.slice(0, 3).join('; ')}`);
  if (outcome.itemsFound === 0 && outcome.itemsInvalid > 0) {
    reasons.push(`${outcome.itemsInvalid} item(s) matched but none had text: the field selectors no longer match`);
  } else if (outcome.itemsFound === 0 && outcome.pages === 0 && outcome.pagesBlocked > 0) {
    reasons.push(`robots.txt disallows the start page (or could not be read): ${outcome.stopReason}`);
  } else if (outcome.itemsFound === 0 && outcome.pagesFailed === 0 && cursor && cursor.itemsSeen > 0) {
    reasons.push(`no items found where earlier crawls found ${cursor.itemsSeen}: the item selector no longer matches`);
  }
  if (reasons.length > 0) return { status: 'broken', detail: `source ${sourceId}: ${reasons.join('; ')}` };
  return { status: outcome.itemsFound === 0 ? 'empty' : 'succeeded' };
}
