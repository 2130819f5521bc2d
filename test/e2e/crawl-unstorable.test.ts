import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.ts';
import type { PipelineContext } from '../../src/pipeline/context.ts';
import { BATCH_STAGES, startWorker } from '../../jobs/index.ts';
import { BrowserHost, chromiumPath, runCrawl } from '../../src/sources/crawl/index.ts';
import { waitForImportRun } from '../../src/sources/importers/wait-for-run.ts';
import { SITE } from '../fixtures/site/reviews.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site/server.ts';
import { closePipelineContext, openContext, sharedAnalyzer, testConfig } from '../integration/pipeline/pipeline-support.ts';
import { uniquePrefix, useTestDatabase } from '../support/services.ts';
import { fixtureSource } from './crawl-support.ts';

/**
 * A crawled review holding a NUL or half a character, on the Postgres queue backend (job data is
 * jsonb there, which refuses both): it goes to rejected_items with its source, URL and reason, and
 * the page's other reviews are stored.
 */
describe('crawling reviews that cannot be stored', () => {
  const db = useTestDatabase('crawlodd');
  let site: FixtureSite;
  let ctx: PipelineContext;
  let browser: BrowserHost;

  beforeAll(async () => {
    site = await startFixtureSite();
    ctx = await openContext(testConfig(uniquePrefix('crawlodd'), { batchSize: 5 }), db.current.url, undefined);
    browser = new BrowserHost({ executablePath: chromiumPath(ctx.config), logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await browser?.close();
    if (ctx) await closePipelineContext(ctx);
    await site?.close();
  });

  it('rejects the NUL and the lone surrogate with source, URL and reason; stores the other two', async () => {
    const odd = fixtureSource(site.origin, { id: 'odd', startUrls: ['/odd/reviews'] });
    const summary = await runCrawl(ctx, browser, odd, { trigger: 'manual' });
    expect(summary).toMatchObject({ status: 'succeeded', pages: 1, itemsNew: 4, errors: 0 });

    const worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
    try {
      const done = await waitForImportRun(ctx.pool, summary.pipelineRunId, { timeoutMs: 30_000 });
      expect(done).toMatchObject({ complete: true, read: 4, stored: 2, rejected: 2 });
    } finally {
      await worker.close();
    }
    const stored = await ctx.pool.query(`SELECT external_id FROM feedback WHERE source = 'odd' ORDER BY external_id`);
    expect(stored.rows.map((r) => r.external_id)).toEqual([SITE.odd[0]!.id, SITE.odd[3]!.id]);
    const rejected = await ctx.pool.query(`SELECT source, field, reason, message, raw FROM rejected_items WHERE import_id = $1 ORDER BY message`, [summary.pipelineRunId]);
    expect(rejected.rows).toHaveLength(2);
    const [nul, half] = [rejected.rows.find((r) => /NUL/.test(r.message)), rejected.rows.find((r) => /lone surrogate U\+D800/.test(r.message))];
    for (const [row, review] of [[nul, SITE.odd[1]!], [half, SITE.odd[2]!]] as const) {
      expect(row).toMatchObject({ source: 'odd', field: 'text', reason: 'invalid_characters' });
      expect(row.message).toContain(`crawled from ${site.origin}/r/${review.id}`);
      expect(row.raw).toContain(review.text);
      expect(row.raw).toContain(`${site.origin}/r/${review.id}`);
    }
    // Kept as visible escapes, so that the rejection itself can be stored.
    expect(nul.raw).toContain('\\u0000');
    expect(half.raw.toLowerCase()).toContain('\\ud800');
  });
});
