/**
 * Crawl throughput: a 200-page listing (10 reviews a page, next links) served by the local fixture
 * site, crawled by the system Chromium at an unthrottled rate (`rate: 0`), with one browser reused
 * across runs as a worker does. Two figures: the crawler alone (items kept in memory), and the whole
 * crawl job (cursor and seen items in Postgres, every page's items onto the ingest queue on Redis),
 * on a throwaway Postgres and redis-server. Median of 3 runs each; the first run's browser launch
 * is reported apart. The machine is shared, so the figure to compare across runs is the ratio to a
 * baseline measured in the same run: bare `page.goto` over the same pages (no request gate, no
 * extraction, no pagination logic).
 */
import type { BenchSuite } from '../index.ts';
import { median } from '../stats.ts';
import { loadConfig, sourceSchema } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../src/pipeline/connection.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { BrowserHost, chromiumPath, crawlSource, runCrawl, UNLIMITED } from '../../src/sources/crawl/index.ts';
import { startFixtureSite } from '../../test/fixtures/site/server.ts';

const PAGES = 200;
const PER_PAGE = 10;
const RUNS = 3;

const suite: BenchSuite = {
  name: 'crawl',
  description: `pages/s and items/s crawling a ${PAGES}-page fixture listing with Chromium, unthrottled`,
  async run() {
    const logger = createLogger({ level: 'silent' });
    const site = await startFixtureSite({ benchPages: PAGES, benchItemsPerPage: PER_PAGE });
    const config = loadConfig({ env: {} });
    const browser = new BrowserHost({ executablePath: chromiumPath(config), logger });
    const sourceFor = (id: string) =>
      sourceSchema.parse({
        id,
        channel: 'review',
        startUrls: [`${site.origin}/bench/1`],
        item: '.review',
        rate: 0,
        fields: { text: '.content', author: '.author', postedAt: '.time', rating: { selector: '.stars', attribute: 'class' }, externalId: { attribute: 'data-id' } },
        pagination: { next: { selector: 'a.next', maxPages: PAGES } },
      });
    const results: Record<string, unknown> = {};
    const report = (label: string, ms: number[], pages: number, items: number) => {
      const m = median(ms);
      const figure = { pages, items, medianMs: Math.round(m), pagesPerSec: Number(((pages / m) * 1000).toFixed(1)), itemsPerSec: Math.round((items / m) * 1000) };
      process.stdout.write(`${label.padEnd(34)} ${figure.pagesPerSec} pages/s, ${figure.itemsPerSec} items/s (${pages} pages, median ${figure.medianMs} ms of ${ms.length})\n`);
      return figure;
    };
    try {
      // The crawler alone.
      const ms: number[] = [];
      let launchMs = 0;
      let pages = 0;
      let items = 0;
      for (let r = 0; r <= RUNS; r++) {
        let kept = 0;
        const t0 = performance.now();
        const outcome = await crawlSource(
          { browser, limiter: UNLIMITED, logger, seen: { seenAmong: async () => new Set(), markSeen: async () => undefined }, sink: async (records) => void (kept += records.length) },
          sourceFor(`bench-${r}`),
          { userAgent: 'painpoint-bench/1', stopAtSeen: false },
        );
        const elapsed = performance.now() - t0;
        if (outcome.pages !== PAGES || kept !== PAGES * PER_PAGE) throw new Error(`bench crawl read ${outcome.pages} pages, ${kept} items`);
        if (r === 0) launchMs = elapsed;
        else ms.push(elapsed);
        pages = outcome.pages;
        items = kept;
      }
      const baseMs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const context = await browser.newContext({ userAgent: 'painpoint-bench/1' });
        const page = await context.newPage();
        const t0 = performance.now();
        for (let n = 1; n <= PAGES; n++) await page.goto(`${site.origin}/bench/${n}`, { waitUntil: 'domcontentloaded' });
        baseMs.push(performance.now() - t0);
        await context.close();
      }
      results.baselineGoto = report('baseline: bare page.goto', baseMs, PAGES, PAGES * PER_PAGE);
      results.crawler = report('crawler (browser reused)', ms, pages, items);
      results.crawlerToBaseline = Number((median(baseMs) / median(ms)).toFixed(2));
      process.stdout.write(`crawler speed / bare goto: ${results.crawlerToBaseline}\n`);
      results.firstRunWithLaunchMs = Math.round(launchMs);
      process.stdout.write(`first run, browser launch included: ${Math.round(launchMs)} ms\n`);

      // The whole crawl job: Postgres bookkeeping and the ingest queue.
      const services = await startThrowawayServices({ redis: true });
      try {
        const jobMs: number[] = [];
        let jobItems = 0;
        for (let r = 0; r < RUNS; r++) {
          const ctx = await createPipelineContext(loadConfig({ env: {}, overrides: { pipeline: { queuePrefix: `bench-crawl-${r}` } } }), {
            databaseUrl: services.databaseUrl,
            redisUrl: services.redisUrl,
            logger,
          });
          try {
            const t0 = performance.now();
            const summary = await runCrawl(ctx, browser, sourceFor(`bench-job-${r}`), { trigger: 'manual', full: true });
            jobMs.push(performance.now() - t0);
            if (summary.itemsNew !== PAGES * PER_PAGE) throw new Error(`bench crawl job stored ${summary.itemsNew} new items`);
            jobItems = summary.itemsNew;
          } finally {
            await closePipelineContext(ctx);
          }
        }
        results.crawlJob = report('crawl job (Postgres + Redis queue)', jobMs, PAGES, jobItems);
      } finally {
        await services.stop();
      }
      return results;
    } finally {
      await browser.close();
      await site.close();
    }
  },
};

export default suite;
