import { describe, expect, it } from 'vitest';
import { judgeCrawl } from '../../../../src/sources/crawl/crawl-health.ts';
import type { CrawlOutcome } from '../../../../src/sources/crawl/crawler.ts';
import type { CrawlCursor } from '../../../../src/store/crawl-cursors-repository.ts';

const outcome = (o: Partial<CrawlOutcome>): CrawlOutcome => ({
  pages: 1, pagesFailed: 0, pagesBlocked: 0, itemsFound: 0, itemsNew: 0, itemsSeen: 0, itemsInvalid: 0, errors: 0,
  stopReason: 'no next link', failures: [], newestExternalId: undefined, ...o,
});
const cursor = (itemsSeen: number): CrawlCursor => ({ sourceId: 's', itemsSeen, lastItemsFound: 5, newestExternalId: null, lastRunId: 1, lastCrawledAt: null });

describe('judgeCrawl', () => {
  it('is succeeded when items were found, new or seen', () => {
    expect(judgeCrawl(outcome({ itemsFound: 4, itemsSeen: 4 }), cursor(10), 's')).toEqual({ status: 'succeeded' });
  });

  it('is only empty on a first run that finds nothing', () => {
    expect(judgeCrawl(outcome({}), undefined, 's')).toEqual({ status: 'empty' });
    expect(judgeCrawl(outcome({}), cursor(0), 's')).toEqual({ status: 'empty' });
  });

  it('is broken when a source that yielded items finds none', () => {
    const verdict = judgeCrawl(outcome({}), cursor(12), 'shop');
    expect(verdict.status).toBe('broken');
    expect(verdict.detail).toBe('source shop: no items found where earlier crawls found 12: the item selector no longer matches');
  });

  it('is broken when items match but their text selector does not, even on a first run', () => {
    expect(judgeCrawl(outcome({ itemsInvalid: 6 }), undefined, 's')).toMatchObject({ status: 'broken', detail: expect.stringMatching(/6 item\(s\) matched but none had text/) });
  });

  it('is broken when robots.txt keeps the crawler from the start page', () => {
    const verdict = judgeCrawl(outcome({ pages: 0, pagesBlocked: 1, stopReason: 'robots.txt disallows https://x/reviews' }), undefined, 's');
    expect(verdict).toEqual({ status: 'broken', detail: 'source s: robots.txt disallows the start page (or could not be read): robots.txt disallows https://x/reviews' });
  });

  it('is broken when pages failed after their retries, naming them', () => {
    const verdict = judgeCrawl(outcome({ itemsFound: 4, pagesFailed: 1, failures: ['https://x/p2: HTTP 503 (after 3 attempts)'] }), cursor(4), 's');
    expect(verdict).toEqual({ status: 'broken', detail: 'source s: 1 page(s) failed: https://x/p2: HTTP 503 (after 3 attempts)' });
  });
});
