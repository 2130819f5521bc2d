import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.ts';
import type { PipelineContext } from '../../src/pipeline/context.ts';
import { BATCH_STAGES, startWorker } from '../../jobs/index.ts';
import { BrowserHost, chromiumPath, loadSources, runCrawl } from '../../src/sources/crawl/index.ts';
import { waitForImportRun } from '../../src/sources/importers/wait-for-run.ts';
import { recentCrawlRuns } from '../../src/store/crawl-runs-repository.ts';
import { crawlAndReport } from '../../jobs/crawl.ts';
import { listCrawlSchedules, syncCrawlSchedules } from '../../jobs/schedule.ts';
import { SITE } from '../fixtures/site/reviews.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site/server.ts';
import { closePipelineContext, count, expectedTotals, openContext, sharedAnalyzer, tallyTotals, testConfig } from '../integration/pipeline/pipeline-support.ts';
import { redisUrl, uniquePrefix, useTestDatabase } from '../support/services.ts';
import { enqueuedRecords, expectedRecords, fixtureSource, maxInWindow, until } from './crawl-support.ts';

/**
 * Crawls of the local fixture site with the system Chromium, through the real queues (Redis) and
 * Postgres: every pagination kind, robots.txt, retries, incremental re-crawls, the rate limit,
 * breakage alerts and a scheduled crawl run by the worker.
 */
describe('crawling the fixture site', () => {
  const db = useTestDatabase('crawl');
  let site: FixtureSite;
  let ctx: PipelineContext;
  let browser: BrowserHost;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-crawl-'));

  beforeAll(async () => {
    site = await startFixtureSite();
    ctx = await openContext(testConfig(uniquePrefix('crawl'), { batchSize: 5 }), db.current.url, redisUrl());
    browser = new BrowserHost({ executablePath: chromiumPath(ctx.config), logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await browser?.close();
    if (ctx) await closePipelineContext(ctx);
    await site?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const source = (id: string, fields: Record<string, unknown>) => fixtureSource(site.origin, { id, ...fields });
  const shop = () => source('shop', { startUrls: ['/shop/reviews'], pagination: { next: { selector: 'a.next', maxPages: 10 } } });

  it('follows next links on server-rendered pages, never into a path robots.txt disallows; stored feedback and tallies match', async () => {
    const summary = await runCrawl(ctx, browser, shop(), { trigger: 'manual' });
    expect(summary).toMatchObject({ status: 'succeeded', pages: 3, itemsNew: 12, itemsSeen: 0, pagesBlocked: 1, pagesFailed: 0, errors: 0 });
    expect(summary.stopReason).toMatch(/robots\.txt disallows .*\/private\/reviews/);
    expect(site.requests.some((r) => r.path.startsWith('/private/'))).toBe(false);
    expect(site.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(site.requests.every((r) => /^painpoint\/\d+\.\d+\.\d+/.test(r.userAgent))).toBe(true);
    // Images and stylesheets are never fetched: the reviews need none.
    expect(site.requests.some((r) => r.path === '/style.css')).toBe(false);

    const records = await enqueuedRecords(ctx, summary.pipelineRunId);
    expect(records.map(({ meta: _meta, ...r }) => r)).toEqual(expectedRecords(site.origin, 'shop', SITE.shop));

    // Through the real pipeline worker: what is stored is exactly the fixture's reviews.
    const worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
    try {
      const done = await waitForImportRun(ctx.pool, summary.pipelineRunId, { timeoutMs: 30_000 });
      expect(done).toMatchObject({ complete: true, read: 12, stored: 12, rejected: 0 });
    } finally {
      await worker.close();
    }
    const { rows } = await ctx.pool.query(`SELECT external_id, text, author, rating, posted_at FROM feedback WHERE source = 'shop' ORDER BY posted_at DESC`);
    expect(rows.map((r) => ({ id: r.external_id, text: r.text, author: r.author, rating: r.rating, posted: (r.posted_at as Date).toISOString() }))).toEqual(
      SITE.shop.map((r) => ({ id: r.id, text: r.text, author: r.author, rating: r.stars, posted: r.postedIso })),
    );
    expect(await tallyTotals(ctx.pool, 'shop')).toEqual(await expectedTotals(SITE.shop.map((r) => r.text)));
    expect(await count(ctx.pool, `SELECT sum(items) AS n FROM feedback_daily WHERE source = 'shop'`)).toBe(12);
  });

  it('a second crawl adds nothing: it stops at the first page of items already seen', async () => {
    const before = await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE source = 'shop'`);
    const summary = await runCrawl(ctx, browser, shop(), { trigger: 'schedule' });
    expect(summary).toMatchObject({ status: 'succeeded', pages: 1, itemsNew: 0, itemsSeen: 4, stopReason: 'reached items already seen' });
    expect(await enqueuedRecords(ctx, summary.pipelineRunId)).toEqual([]);
    const full = await runCrawl(ctx, browser, shop(), { trigger: 'manual', full: true });
    expect(full).toMatchObject({ pages: 3, itemsNew: 0, itemsSeen: 12 });
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE source = 'shop'`)).toBe(before);
  });

  it('waits for reviews a script renders after a delay', async () => {
    const js = source('js', { startUrls: ['/js/reviews'], waitFor: '.review', fields: { text: '.content', author: '.author', postedAt: '.time', rating: '.stars', externalId: { attribute: 'data-id' }, url: { selector: 'a.permalink', attribute: 'href' } } });
    const summary = await runCrawl(ctx, browser, js, { trigger: 'manual' });
    expect(summary).toMatchObject({ status: 'succeeded', pages: 1, itemsNew: 5 });
    const records = await enqueuedRecords(ctx, summary.pipelineRunId);
    expect(records.map(({ meta: _meta, ...r }) => r)).toEqual(expectedRecords(site.origin, 'js', SITE.js));
  });

  it('clicks a load-more button until it is gone', async () => {
    const more = source('more', {
      startUrls: ['/more/reviews'],
      pagination: { loadMore: { selector: 'button.load-more', maxPages: 10 } },
      fields: { text: '.content', author: '.author', postedAt: '.time', rating: { selector: '.stars', attribute: 'aria-label' }, externalId: { attribute: 'data-id' }, url: { selector: 'a.permalink', attribute: 'href' } },
    });
    const summary = await runCrawl(ctx, browser, more, { trigger: 'manual' });
    expect(summary).toMatchObject({ status: 'succeeded', pages: 3, itemsNew: 9, stopReason: 'no load-more button' });
    const records = await enqueuedRecords(ctx, summary.pipelineRunId);
    expect(records.map(({ meta: _meta, ...r }) => r)).toEqual(expectedRecords(site.origin, 'more', SITE.more));
  });

  it('scrolls an infinite list until nothing more comes, and honours --max-pages', async () => {
    const scroll = source('scroll', { startUrls: ['/scroll/reviews'], pagination: { infiniteScroll: { maxPages: 10, idleMs: 1_500 } } });
    const limited = await runCrawl(ctx, browser, scroll, { trigger: 'manual', maxPages: 2 });
    expect(limited).toMatchObject({ pages: 2, itemsNew: 6, stopReason: 'max pages (2)' });
    const summary = await runCrawl(ctx, browser, scroll, { trigger: 'manual', full: true });
    expect(summary).toMatchObject({ status: 'succeeded', pages: 3, itemsNew: 2, itemsSeen: 6 });
    const records = [...(await enqueuedRecords(ctx, limited.pipelineRunId)), ...(await enqueuedRecords(ctx, summary.pipelineRunId))];
    expect(records.map(({ meta: _meta, ...r }) => r)).toEqual(expectedRecords(site.origin, 'scroll', SITE.scroll));
  });

  it('retries a page that answers 500 once, sending the configured cookies', async () => {
    site.failOnce('/flaky/reviews');
    const flaky = source('flaky', { startUrls: ['/flaky/reviews'], cookies: [{ name: 'session', value: 's3cr3t' }] });
    const summary = await runCrawl(ctx, browser, flaky, { trigger: 'manual' });
    expect(summary).toMatchObject({ status: 'succeeded', itemsNew: 3, pagesFailed: 0, errors: 0 });
    const requests = site.requests.filter((r) => r.path === '/flaky/reviews');
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.cookie)).toEqual(['session=s3cr3t', 'session=s3cr3t']);
  });

  it('never sends the host more requests per second than configured, across concurrent crawls', async () => {
    const rate = 4;
    const from = site.requests.length;
    // Twelve requests queue for one host at 4 a second, so the last waits three seconds for its turn
    // before it is even sent. The rate is what is measured here, so the pages get room for a loaded
    // machine; short timeouts under a long queue are the next test's.
    const patient = { rate, timeoutMs: 20_000 };
    const more = source('rate-more', { ...patient, startUrls: ['/more/reviews'], pagination: { loadMore: { selector: 'button.load-more', maxPages: 10 } }, fields: { text: '.content' } });
    const pages = source('rate-shop', { ...patient, startUrls: ['/shop/reviews'], pagination: { next: { selector: 'a.next', maxPages: 10 } } });
    const scroll = source('rate-scroll', { ...patient, startUrls: ['/scroll/reviews'], pagination: { infiniteScroll: { maxPages: 10, idleMs: 1_500 } } });
    const runs = await Promise.all([more, pages, scroll].map((s) => runCrawl(ctx, browser, s, { trigger: 'manual' })));
    expect(runs.map((r) => r.itemsNew)).toEqual([9, 12, 8]);
    const sent = site.requests.slice(from);
    // robots.txt once per crawl, 3 shop pages, load-more page + 2 fetches, scroll page + 2 fetches.
    expect(sent.map((r) => r.path).sort()).toEqual(
      ['/robots.txt', '/robots.txt', '/robots.txt', '/shop/reviews', '/shop/reviews?page=2', '/shop/reviews?page=3', '/more/reviews', '/api/more?offset=3', '/api/more?offset=6', '/scroll/reviews', '/api/scroll?offset=3', '/api/scroll?offset=6'].sort(),
    );
    const times = sent.map((r) => r.at);
    // Each request starts a full interval after the previous one was answered, so as the site
    // records them (on arrival, before answering) no two are closer than 1/rate.
    const sorted = [...times].sort((x, y) => x - y);
    const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / rate - 2);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(rate);
  });

  it('counts a page\'s timeout from when its host\'s turn comes: a long queue sends nothing twice and fails no page', async () => {
    const from = site.requests.length;
    // Six crawls of one host at 1.5 requests a second, pages that time out after 2 s: a request
    // waits behind up to five others (about 3.3 s) before it may leave. A navigation that timed out
    // while queued was tried again, and the site got the page twice; a load-more fetch still queued
    // read as the end of the list. (At 1 s a loaded machine sometimes took that long to answer.)
    const hurried = { rate: 1.5, timeoutMs: 2_000, retries: 1 };
    const more = source('queue-more', { ...hurried, startUrls: ['/more/reviews'], pagination: { loadMore: { selector: 'button.load-more', maxPages: 10 } }, fields: { text: '.content' } });
    const shops = [1, 2, 3, 4].map((n) => source(`queue-shop-${n}`, { ...hurried, startUrls: ['/shop/reviews'], pagination: { next: { selector: 'a.next', maxPages: 10 } } }));
    const scroll = source('queue-scroll', { ...hurried, startUrls: ['/scroll/reviews'], pagination: { infiniteScroll: { maxPages: 10, idleMs: 1_500 } } });
    const runs = await Promise.all([more, ...shops, scroll].map((s) => runCrawl(ctx, browser, s, { trigger: 'manual' })));
    expect(runs.map((r) => [r.itemsNew, r.pagesFailed, r.failures])).toEqual([
      [9, 0, []],
      ...shops.map(() => [12, 0, []]),
      [8, 0, []],
    ]);
    const shopPages = ['/shop/reviews', '/shop/reviews?page=2', '/shop/reviews?page=3'];
    expect(site.requests.slice(from).map((r) => r.path).sort()).toEqual(
      [...Array(6).fill('/robots.txt'), ...shops.flatMap(() => shopPages), '/more/reviews', '/api/more?offset=3', '/api/more?offset=6', '/scroll/reviews', '/api/scroll?offset=3', '/api/scroll?offset=6'].sort(),
    );
    expect(maxInWindow(site.requests.slice(from).map((r) => r.at), 1000)).toBeLessThanOrEqual(2);
  });

  it('raises crawl_broken when the site is redesigned and the selectors stop matching', async () => {
    site.redesign(true);
    try {
      const summary = await crawlAndReport(ctx, browser, shop(), { trigger: 'schedule' });
      expect(summary).toMatchObject({ status: 'broken', itemsFound: 0 });
      expect(summary.brokenDetail).toMatch(/no items found where earlier crawls found 12/);
      const { rows } = await ctx.pool.query(`SELECT kind, source, detail FROM operational_alerts WHERE source = 'shop'`);
      expect(rows).toEqual([{ kind: 'crawl_broken', source: 'shop', detail: summary.brokenDetail }]);
      // A JS page whose waitFor never appears fails after its retries: broken too, on its first run.
      const js = source('js-new', { startUrls: ['/js/reviews'], waitFor: '.review', timeoutMs: 1_000, retries: 1 });
      const failed = await runCrawl(ctx, browser, js, { trigger: 'schedule' });
      // The crawler only judges; the crawl job raises the alert.
      expect(await count(ctx.pool, `SELECT count(*) AS n FROM operational_alerts WHERE source = 'js-new'`)).toBe(0);
      await crawlAndReport(ctx, browser, js, { trigger: 'schedule' });
      expect(failed).toMatchObject({ status: 'broken', pagesFailed: 1 });
      expect(await count(ctx.pool, `SELECT count(*) AS n FROM operational_alerts WHERE kind = 'crawl_broken' AND source = 'js-new'`)).toBe(1);
    } finally {
      site.redesign(false);
    }
  });

  it('runs a scheduled crawl from schedule sync and the worker, with no manual command', async () => {
    const file = path.join(tmp, 'sources.yaml');
    fs.writeFileSync(
      file,
      [
        'sources:',
        '  - id: timed',
        '    channel: social',
        `    startUrls: ["${site.origin}/flaky/reviews"]`,
        '    schedule: "*/2 * * * * *"',
        '    item: .review',
        '    rate: 20',
        '    fields: { text: .content, author: .author, postedAt: .time }',
        '  - id: off',
        '    enabled: false',
        '    channel: review',
        `    startUrls: ["${site.origin}/shop/reviews"]`,
        '    schedule: "*/2 * * * * *"',
        '    item: .review',
        '    fields: { text: .content }',
      ].join('\n'),
    );
    const config = testConfig(ctx.config.pipeline.queuePrefix, { batchSize: 5 });
    const scheduled = await openContext({ ...config, crawl: { ...config.crawl, sources: file } }, db.current.url, redisUrl());
    // What `painpoint worker` runs: the pipeline stages and the crawl queue.
    const worker = await startWorker(scheduled, { stages: ['ingest', 'store', 'crawl'], analyzer: await sharedAnalyzer() });
    try {
      const sync = await syncCrawlSchedules(scheduled, loadSources(scheduled.config));
      expect(sync.upserted.map((u) => u.sourceId)).toEqual(['timed']);
      const run = await until('a scheduled crawl', async () => (await recentCrawlRuns(ctx.pool, 'timed')).find((r) => r.status !== 'running'));
      expect(run).toMatchObject({ trigger: 'schedule', status: 'succeeded', itemsNew: 3 });
      const stored = await waitForImportRun(ctx.pool, `crawl-timed-${run.id}`, { timeoutMs: 20_000 });
      expect(stored).toMatchObject({ complete: true, stored: 3 });
      const { rows } = await ctx.pool.query(`SELECT channel, text FROM feedback WHERE source = 'timed' ORDER BY text`);
      expect(rows).toEqual(SITE.flaky.map((r) => ({ channel: 'social', text: r.text })).sort((a, b) => (a.text < b.text ? -1 : 1)));
      expect(await recentCrawlRuns(ctx.pool, 'off')).toEqual([]);
      const again = await syncCrawlSchedules(scheduled, []);
      expect(again.removed).toEqual(['crawl-timed']);
      expect(await listCrawlSchedules(scheduled)).toEqual([]);
    } finally {
      await worker.close();
      await closePipelineContext(scheduled);
    }
  });
});
