import type http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineContext } from '../../src/pipeline/context.ts';
import { closePipelineContext, openContext, testConfig } from '../integration/pipeline/pipeline-support.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../support/services.ts';
import { until } from './crawl-support.ts';
import { launchChromium, screenshot, startDashboard } from './dashboard-support.ts';

const TOKEN = 'dashboard-queues-token-0123456789';

/** The queue page on both backends: counts per queue and state, a failed job's reason, and a retry from the page. */
describe.each(bothBackends())('the queue page on $backend', ({ backend, redisUrl }) => {
  const db = useTestDatabase(`dash_queues_${backend}`);
  let ctx: PipelineContext;
  let server: http.Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix(`dashq${backend}`)), db.current.url, redisUrl);
    ({ server, base } = await startDashboard(ctx, TOKEN));
    browser = await launchChromium(ctx);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (ctx) await closePipelineContext(ctx);
  });

  it('draws every page over an empty database, and answers a bad parameter with a page that says which', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(`${base}/?token=${TOKEN}`);
    for (const path of ['/', '/heatmap', '/heatmap?grain=day&polarity=positive&by=product', '/topics/delivery.cold_chain', '/cases', '/improvements']) {
      const res = await page.goto(`${base}${path}`);
      expect(res!.status(), path).toBe(200);
      await expect(page.locator('main').textContent()).resolves.toContain('暂无数据');
    }
    // Without survey answers, findings, root causes or improvements, their parts are not shown at all.
    await page.goto(`${base}/`);
    expect(await page.locator('#scores, #fired-monitors').count()).toBe(0);
    expect(await page.locator('nav a[href="/improvements"]').count()).toBe(0);
    const bad = await page.goto(`${base}/heatmap?grain=year`);
    expect(bad!.status()).toBe(400);
    await expect(page.locator('p.error').textContent()).resolves.toBe('query parameter "grain": Invalid option: expected one of "week"|"day"');
    const missing = await page.goto(`${base}/topics/not%20a%20topic`);
    expect(missing!.status()).toBe(400);
    await page.context().close();
  });

  it('lists a failed job with its reason, and a retry from the page puts it back to waiting', async () => {
    const queue = ctx.queues.queue('escalate');
    await queue.add('escalate', {}, { attempts: 1, jobId: 'escalate-e2e' });
    await queue.add('escalate', {}, { attempts: 1, jobId: 'escalate-ok', delay: 600_000 });
    const worker = ctx.queues.worker('escalate', async () => {
      throw new Error('receiver answered 502 <b>Bad Gateway</b>');
    });
    await until('the job to fail', async () => ((await queue.getJobCounts('failed')).failed === 1 ? true : undefined));
    await worker.close();

    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(`${base}/?token=${TOKEN}`);
    await page.goto(`${base}/queues`);
    await expect(page.locator('#backend').textContent()).resolves.toBe(backend);
    const counts = page.locator('tr[data-queue="escalate"]');
    await expect(counts.locator('td[data-state="failed"]').textContent()).resolves.toBe('1');
    await expect(counts.locator('td[data-state="delayed"]').textContent()).resolves.toBe('1');
    const failed = page.locator('table.failed tr[data-job="escalate-e2e"]');
    await expect(failed.locator('td.clause').textContent()).resolves.toBe('receiver answered 502 <b>Bad Gateway</b>');
    await screenshot(page, `queues-${backend}`);

    await Promise.all([page.waitForEvent('load'), failed.locator('button').click()]);
    await expect(page.locator('tr[data-queue="escalate"] td[data-state="failed"]').textContent()).resolves.toBe('0');
    expect(await (await queue.getJob('escalate-e2e'))!.getState()).toBe('waiting');
    await page.context().close();
  });
});
