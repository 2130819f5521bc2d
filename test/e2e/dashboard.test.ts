import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTION, DEMO_WHYS } from '../../src/demo/closing-loop.ts';
import { runDemo } from '../../src/demo/run-demo.ts';
import { parsePeriod, todayIn } from '../../src/domain/period.ts';
import type { PipelineContext } from '../../src/pipeline/context.ts';
import { BATCH_STAGES, startWorker } from '../../jobs/index.ts';
import { importFile, waitForImportRun } from '../../src/sources/importers/index.ts';
import { closePipelineContext, count, openContext, sharedAnalyzer, testConfig } from '../integration/pipeline/pipeline-support.ts';
import { uniquePrefix, useTestDatabase } from '../support/services.ts';
import { launchChromium, parsePrometheus, screenshot, startDashboard } from './dashboard-support.ts';

const TOKEN = 'dashboard-e2e-token-0123456789';
const XSS_REGION = '<img src=x onerror="window.__xss=1">';

/**
 * The dashboard of `painpoint serve` in the system Chromium, over the bundled demo data stored
 * through the real pipeline (Postgres, queues on Postgres): sign-in, the heatmap, drill-down, case
 * actions, escaping of customer text, and /metrics.
 */

/** Rows of cases not yet acknowledged: sent or not (the demo has no endpoint, so its alerts are `unrouted`; history is `stale`). */
function openCaseRows(extra = ''): string {
  return ['pending', 'delivered', 'failed', 'unrouted', 'stale'].map((status) => `table.cases tbody tr${extra}[data-status="${status}"]`).join(', ');
}

describe('the dashboard in Chromium over the demo data', () => {
  const db = useTestDatabase('dashboard');
  let ctx: PipelineContext;
  let server: http.Server;
  let base: string;
  let browser: Browser;
  let signedIn: BrowserContext;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-dash-'));
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('dash')), db.current.url, undefined);
    await runDemo(ctx, { say: () => undefined });
    // A review whose fields carry markup: the region survives ingest as it is, the URL is a script URL.
    const file = path.join(tmp, 'xss.csv');
    fs.writeFileSync(
      file,
      `id,text,rating,posted_at,region,url\nxss-1,"冰袋全化了，冷链太差 <b>加粗</b> a<b",1,${new Date(Date.now() - 86_400_000).toISOString()},"${XSS_REGION.replaceAll('"', '""')}",javascript:window.__xss=2\n`,
    );
    const worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
    try {
      const run = await importFile(ctx, { file, channel: 'review', source: 'xss-shop' });
      await waitForImportRun(ctx.pool, run.runId);
    } finally {
      await worker.close();
    }
    ({ server, base } = await startDashboard(ctx, TOKEN));
    browser = await launchChromium(ctx);
    signedIn = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    // Any script error or Content-Security-Policy refusal on a page fails the last test.
    signedIn.on('console', (m) => {
      // The one refusal a test provokes on purpose (the POST without its CSRF token) is not an error of the page.
      if (m.type() === 'error' && !/status of 403/.test(m.text())) pageErrors.push(m.text());
    });
    signedIn.on('weberror', (e) => pageErrors.push(e.error().message));
    const page = await signedIn.newPage();
    await page.goto(`${base}/?token=${TOKEN}`);
    await page.close();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (ctx) await closePipelineContext(ctx);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses pages and the API without a token, and signs in with ?token= once into an HttpOnly SameSite cookie', async () => {
    const api = await fetch(`${base}/api/overview`);
    expect(api.status).toBe(401);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(401);
    const anonymous = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await anonymous.newPage();
      const refused = await page.goto(`${base}/heatmap`);
      expect(refused!.status()).toBe(401);
      await expect(page.locator('h1').textContent()).resolves.toBe('请登录');
      expect(await page.locator('table.heat').count()).toBe(0);
      const wrong = await page.goto(`${base}/?token=not-the-token-at-all`);
      expect(wrong!.status()).toBe(401);
      await screenshot(page, 'sign-in');

      const ok = await page.goto(`${base}/?token=${TOKEN}`);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(page.url()).not.toContain('token');
      expect(ok!.status()).toBe(200);
      expect(ok!.headers()['content-security-policy']).toContain("script-src 'self'");
      const [cookie] = await anonymous.cookies();
      expect(cookie).toMatchObject({ name: 'pp_session', httpOnly: true, sameSite: 'Strict' });
      await expect(page.locator('table.topics[data-polarity=negative] tbody tr').count()).resolves.toBeGreaterThan(3);
      await expect(page.locator('table.topics[data-polarity=positive] tbody tr').count()).resolves.toBeGreaterThan(0);
      // 57 against 3 is no accident; a topic with a handful of mentions says too little.
      await expect(page.locator('table.topics[data-polarity=negative] tr[data-topic="delivery.cold_chain"] .tag').textContent()).resolves.toBe('显著');
      await page.locator('.spark canvas').first().waitFor();
      await screenshot(page, 'overview');
      await page.goto(`${base}/?lang=en`);
      await expect(page.locator('main h2').allTextContents()).resolves.toContain('Top pain points (negative mentions)');
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'overview-phone-en');
    } finally {
      await anonymous.close();
    }
  });

  it('shows the 华南 cold-chain rise when the heatmap is sliced by region, with the partial week marked', async () => {
    const page = await signedIn.newPage();
    await page.goto(`${base}/heatmap`);
    await page.selectOption('select[name=by]', 'region');
    await page.waitForURL(/by=region/);
    await page.selectOption('select[name=value]', '华南');
    await page.waitForURL(/value=/);
    const weeks = () =>
      page.$$eval('table.heat td[data-topic="delivery.cold_chain"]', (cells) => cells.map((c) => Number(c.getAttribute('data-mentions'))));
    const south = await weeks();
    // Eight weeks: in October 华南 hardly mentions the cold chain; the week of the spike far exceeds the rest.
    expect(south).toHaveLength(8);
    const peak = Math.max(...south);
    const peakAt = south.indexOf(peak);
    expect(peak).toBeGreaterThanOrEqual(8);
    expect(south.slice(0, 3).every((n) => n <= 2)).toBe(true);
    expect(peakAt).toBeGreaterThanOrEqual(3);
    const head = page.locator('table.heat thead th');
    await expect(head.last().getAttribute('class')).resolves.toContain('partial');
    await expect(page.locator('table.heat tbody tr').first().locator('td').last().getAttribute('class')).resolves.toBe('partial');
    await expect(page.locator('.legend').textContent()).resolves.toContain('未满');
    await screenshot(page, 'heatmap-south');

    // The same weeks for 华北: no such rise.
    await page.goto(`${base}/heatmap?by=region&value=${encodeURIComponent('华北')}`);
    const north = await weeks();
    expect(Math.max(0, ...north)).toBeLessThan(peak / 2);
    await page.close();
  });

  it('drills down from a heatmap cell to the evidence behind it', async () => {
    const page = await signedIn.newPage();
    await page.goto(`${base}/heatmap?by=region&value=${encodeURIComponent('华南')}`);
    const cells = await page.$$eval('table.heat td[data-topic="delivery.cold_chain"]', (c) => c.map((x) => ({ n: Number(x.getAttribute('data-mentions')), week: x.getAttribute('data-bucket')! })));
    const peak = cells.reduce((a, b) => (b.n > a.n ? b : a));
    await page.click(`table.heat td[data-topic="delivery.cold_chain"][data-bucket="${peak.week}"] a`);
    await page.waitForURL(/\/topics\/delivery\.cold_chain/);
    const rows = page.locator('table.evidence tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(Math.min(peak.n, 20));
    const regions = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[4]!.textContent));
    expect(new Set(regions)).toEqual(new Set(['华南']));
    const dates = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[6]!.textContent!.slice(0, 10)));
    const end = new Date(Date.parse(`${peak.week}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await expect(page.locator('input[name=to]').inputValue()).resolves.toBe(new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
    expect(dates.every((d) => d >= peak.week && d < end)).toBe(true);
    const polarities = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[0]!.textContent));
    expect(new Set(polarities)).toEqual(new Set(['负面']));
    await page.locator('.chart canvas').first().waitFor();
    await screenshot(page, 'topic-drilldown');
    await page.close();
  });

  it('acknowledges and resolves a case from the page, and alert_sla counts it; a POST without the CSRF token is refused', async () => {
    const sla = async () => (await ctx.pool.query<{ a: string; r: string }>('SELECT sum(acknowledged) AS a, sum(resolved) AS r FROM alert_sla')).rows[0]!;
    const before = await sla();
    const page = await signedIn.newPage();
    await page.goto(`${base}/cases?severity=critical`);
    const row = page.locator(openCaseRows()).first();
    const id = await row.getAttribute('data-alert');
    expect(id).toMatch(/^\d+$/);

    const forged = await page.evaluate(async (alertId) => (await fetch(`/api/cases/${alertId}/ack`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status, id);
    expect(forged).toBe(403);

    await row.locator('form[data-action$="/ack"] input[name=note]').fill('已联系顾客');
    await Promise.all([page.waitForEvent('load'), row.locator('form[data-action$="/ack"] button').click()]);
    const acked = page.locator(`tr[data-alert="${id}"]`);
    await expect(acked.getAttribute('data-status')).resolves.toBe('acknowledged');
    const mid = await sla();
    expect(Number(mid.a)).toBe(Number(before.a) + 1);

    await acked.locator('form[data-action$="/resolve"] input[name=note]').fill('已退款并补发');
    await Promise.all([page.waitForEvent('load'), acked.locator('form[data-action$="/resolve"] button').click()]);
    const after = await sla();
    expect(Number(after.r)).toBe(Number(before.r) + 1);
    const stored = await ctx.pool.query('SELECT status, acknowledged_note, resolution_note FROM alerts WHERE id = $1', [id]);
    expect(stored.rows[0]).toEqual({ status: 'resolved', acknowledged_note: '已联系顾客', resolution_note: '已退款并补发' });
    await page.goto(`${base}/cases?severity=critical`);
    await expect(page.locator(`tr[data-alert="${id}"]`).getAttribute('data-status')).resolves.toBe('resolved');
    await screenshot(page, 'cases');

    // A case past its deadline, unacknowledged, is overdue: the filter and the overview count it.
    const late = (await ctx.pool.query<{ id: string }>(`UPDATE alerts SET due_at = now() - interval '2 hours' WHERE id = (SELECT min(id) FROM alerts WHERE acknowledged_at IS NULL AND severity = 'high') RETURNING id`)).rows[0]!.id;
    await page.goto(`${base}/cases?overdue=1`);
    expect(await page.locator('table.cases tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-alert')))).toEqual([String(late)]);
    await page.goto(`${base}/`);
    await expect(page.locator('.tile.alarm .big').textContent()).resolves.toBe('1');
    await page.goto(`${base}/queues`);
    await expect(page.locator('#backend').textContent()).resolves.toBe('postgres');
    await screenshot(page, 'queues');
    await page.close();
  });

  it('shows markup in imported customer fields as text and runs none of it', async () => {
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE region = $1`, [XSS_REGION])).toBe(1);
    const page = await signedIn.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const topic = (await ctx.pool.query<{ topic: string }>(`SELECT a.topic FROM feedback_aspects a JOIN feedback f ON f.id = a.feedback_id WHERE f.source = 'xss-shop' LIMIT 1`)).rows[0]!.topic;
    await page.goto(`${base}/topics/${topic}?by=source&value=xss-shop`);
    const row = page.locator('table.evidence tbody tr').first();
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe(XSS_REGION);
    expect(await row.locator('a').count()).toBe(0); // the javascript: URL is no link
    await page.goto(`${base}/heatmap?by=region`);
    await expect(page.locator('select[name=value]').textContent()).resolves.toContain(XSS_REGION);
    await page.goto(`${base}/heatmap?by=region&value=${encodeURIComponent(XSS_REGION)}`);
    await expect(page.locator('h2').first().textContent()).resolves.toContain(XSS_REGION);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(dialogs).toEqual([]);
    await screenshot(page, 'xss-as-text');
    await page.close();
  });

  it('shows NPS, CSAT and CES of the period with their intervals, n and targets, and the fired monitors with the 华南 cold-chain finding', async () => {
    const page = await signedIn.newPage();
    await page.goto(`${base}/`);
    // Counted here from the stored answers: the tile must show the same n and NPS for the overview's 30 days.
    const period = parsePeriod('30d', todayIn(ctx.config.pipeline.timeZone));
    const answers = (
      await ctx.pool.query<{ n: string; promoters: string; detractors: string }>(
        `SELECT count(nps) AS n, count(*) FILTER (WHERE nps >= 9) AS promoters, count(*) FILTER (WHERE nps <= 6) AS detractors FROM feedback WHERE day >= $1 AND day < $2`,
        [period.since, period.until],
      )
    ).rows[0]!;
    const n = Number(answers.n);
    expect(n).toBeGreaterThanOrEqual(ctx.config.scores.minResponses);
    const nps = (100 * (Number(answers.promoters) - Number(answers.detractors))) / n;
    const tile = page.locator('#scores .tile[data-score="nps"]');
    await expect(tile.getAttribute('data-n')).resolves.toBe(String(n));
    await expect(tile.locator('.big').textContent()).resolves.toBe(nps.toFixed(1));
    const text = (await tile.textContent())!;
    expect(text).toContain(`n=${n}`);
    expect(text).toMatch(/\[-?\d+\.\d, -?\d+\.\d\]/);
    expect(text).toContain(`目标 ${ctx.config.targets.nps}`);
    await expect(page.locator('#scores .tile[data-score="csat"] .big').textContent()).resolves.toMatch(/^[1-5]\.\d\d$/);
    expect(await page.locator('#scores .tile[data-score="ces"]').count()).toBe(1);

    // The demo's cold-chain rise in 华南 spans one or two of the monitor's weeks, as today's date
    // falls: each finding is a row of its own, showing what was stored for its week.
    const spikes = page.locator('#fired-monitors tr[data-monitor="pain-spikes-by-region"][data-topic="delivery.cold_chain"]');
    const stored = (
      await ctx.pool.query<{ f: string; value: number; baseline: number }>(
        `SELECT window_from::text AS f, value, baseline FROM metric_alerts WHERE monitor = 'pain-spikes-by-region' AND topic = 'delivery.cold_chain' AND window_to > $1 AND window_from < $2`,
        [period.since, period.until],
      )
    ).rows;
    expect(stored.length).toBeGreaterThan(0);
    expect(await spikes.count()).toBe(stored.length);
    for (let i = 0; i < stored.length; i++) {
      const cells = await spikes.nth(i).locator('td').allTextContents();
      const finding = stored.find((f) => cells[3]!.startsWith(`${f.f} – `));
      expect(finding, `the row's window ${cells[3]}`).toBeDefined();
      expect(await spikes.nth(i).locator('td.scope').textContent()).toBe('地区=华南');
      expect(cells[4]).toBe(`${(finding!.value * 100).toFixed(1)}%`);
      expect(cells[5]).toBe(`${(finding!.baseline * 100).toFixed(1)}%`);
      expect(Number(cells[6])).toBeLessThan(0.001);
    }
    const inPeriod = await count(ctx.pool, 'SELECT count(*) AS n FROM metric_alerts WHERE window_to > $1 AND window_from < $2', [period.since, period.until]);
    expect(await page.locator('#fired-monitors tbody tr').count()).toBe(Math.min(inPeriod, 20));
    await screenshot(page, 'overview-scores-monitors');
    await page.close();
  });

  it('lists the root cause and the packaging improvement with its verdict on /improvements, linked from the nav, and as /api/improvements', async () => {
    const page = await signedIn.newPage();
    await page.goto(`${base}/`);
    await Promise.all([page.waitForURL(/\/improvements$/), page.click('nav a[href="/improvements"]')]);
    const view = (await ctx.pool.query(`SELECT improvement_id, effect::float8 AS effect, ci95_low::float8 AS lo, ci95_high::float8 AS hi, verdict FROM improvement_effect`)).rows;
    expect(view).toHaveLength(1);
    const row = page.locator(`table.improvements tr[data-improvement="${view[0].improvement_id}"]`);
    await expect(row.getAttribute('data-verdict')).resolves.toBe('effective');
    const cells = await row.locator('td').allTextContents();
    expect(cells[2]).toBe(DEMO_ACTION);
    expect(cells[8]).toBe(`−${Math.abs(view[0].effect * 100).toFixed(1)} pp`);
    expect(cells[9]).toContain(`${(Math.abs(view[0].hi) * 100).toFixed(1)} pp]`);
    expect(cells[12]).toBe('有效');
    const cause = page.locator('table.root-causes tbody tr').first();
    await expect(cause.locator('ol.whys li').allTextContents()).resolves.toEqual(DEMO_WHYS);
    await expect(cause.locator('td').nth(3).textContent()).resolves.toBe('料');
    await screenshot(page, 'improvements');
    const api = (await page.evaluate(async () => (await fetch('/api/improvements')).json())) as { improvements: { ci95: unknown }[]; rootCauses: { whys: string[] }[] };
    expect(api.improvements[0]!).toMatchObject({ action: DEMO_ACTION, verdict: 'effective' });
    expect(api.improvements[0]!.ci95).toHaveLength(2);
    expect(api.rootCauses[0]!.whys).toEqual(DEMO_WHYS);
    await page.close();
  });

  it('acknowledges a case with an assignee and resolves it with a compensation and a root cause from the page; alert_sla and root_cause_cases count them', async () => {
    const totals = async () =>
      (await ctx.pool.query<{ comp: number; compensated: string; cases: string }>(
        `SELECT (SELECT sum(compensation_total)::float8 FROM alert_sla) AS comp, (SELECT sum(compensated) FROM alert_sla) AS compensated, (SELECT sum(cases) FROM root_cause_cases) AS cases`,
      )).rows[0]!;
    const before = await totals();
    const rootCause = String((await ctx.pool.query<{ id: string }>('SELECT id FROM root_causes')).rows[0]!.id);
    const page = await signedIn.newPage();
    await page.goto(`${base}/cases`);
    const row = page.locator(openCaseRows(':not(.overdue)')).first();
    const id = await row.getAttribute('data-alert');
    const assignee = '客服 小李 <b>二组</b>';
    await row.locator('form[data-action$="/ack"] input[name=assignee]').fill(assignee);
    await Promise.all([page.waitForEvent('load'), row.locator('form[data-action$="/ack"] button').click()]);
    const acked = page.locator(`tr[data-alert="${id}"]`);
    await expect(acked.locator('.assignee').textContent()).resolves.toBe(`处理人: ${assignee}`);

    const resolve = acked.locator('form[data-action$="/resolve"]');
    await resolve.locator('input[name=note]').fill('退一赔三，已致歉');
    await resolve.locator('select[name="compensation.kind"]').selectOption('退一赔三');
    await resolve.locator('input[name="compensation.amount"]').fill('89.7');
    await resolve.locator('select[name=root_cause_id]').selectOption(rootCause);
    await Promise.all([page.waitForEvent('load'), resolve.locator('button').click()]);
    const stored = (await ctx.pool.query('SELECT status, assignee, compensation_kind, compensation_amount::float8 AS amount, root_cause_id::text AS cause FROM alerts WHERE id = $1', [id])).rows[0];
    expect(stored).toEqual({ status: 'resolved', assignee, compensation_kind: '退一赔三', amount: 89.7, cause: rootCause });
    const after = await totals();
    expect(after.comp).toBeCloseTo(Number(before.comp ?? 0) + 89.7, 2);
    expect(Number(after.compensated)).toBe(Number(before.compensated) + 1);
    expect(Number(after.cases)).toBe(Number(before.cases) + 1);

    await page.goto(`${base}/cases?status=resolved`);
    const done = page.locator(`tr[data-alert="${id}"]`);
    await expect(done.locator('.compensation').textContent()).resolves.toBe('补偿: 退一赔三 ¥89.70');
    await expect(done.locator('.root-cause').textContent()).resolves.toContain(`#${rootCause} ${DEMO_WHYS.at(-1)}`);
    expect(await page.locator('b').count()).toBe(0); // the assignee's markup is text
    const shownTotal = (await page.locator('table.sla td.sla-compensation').allTextContents()).reduce((sum, t) => sum + Number(t), 0);
    expect(shownTotal).toBeCloseTo(after.comp, 2);
    await screenshot(page, 'cases-compensation');
    await page.goto(`${base}/improvements`);
    await expect(page.locator(`table.root-causes tr[data-root-cause="${rootCause}"] td.cases`).textContent()).resolves.toBe(String(Number(before.cases) + 1));
    await page.close();
  });

  it('slices the heatmap and the topic page by product', async () => {
    const top = (
      await ctx.pool.query<{ product: string; topic: string }>(
        `SELECT product, topic FROM pain_point_tallies WHERE product <> '' AND polarity = 'negative' GROUP BY 1, 2 ORDER BY sum(mentions) DESC, 1, 2 LIMIT 1`,
      )
    ).rows[0]!;
    const page = await signedIn.newPage();
    await page.goto(`${base}/heatmap`);
    await page.selectOption('select[name=by]', 'product');
    await page.waitForURL(/by=product/);
    await page.selectOption('select[name=value]', top.product);
    await page.waitForURL(/value=/);
    const cells = await page.$$eval('table.heat td[data-topic]', (tds) => tds.map((td) => ({ topic: td.getAttribute('data-topic')!, week: td.getAttribute('data-bucket')!, n: Number(td.getAttribute('data-mentions')) })));
    const weeks = [...new Set(cells.map((c) => c.week))].sort();
    const end = new Date(Date.parse(`${weeks.at(-1)}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const expected = await count(ctx.pool, `SELECT coalesce(sum(mentions), 0) AS n FROM pain_point_tallies WHERE product = $1 AND polarity = 'negative' AND day >= $2 AND day < $3`, [top.product, weeks[0], end]);
    expect(expected).toBeGreaterThan(0);
    expect(cells.reduce((sum, c) => sum + c.n, 0)).toBe(expected);
    await screenshot(page, 'heatmap-product');

    await page.goto(`${base}/topics/${top.topic}?by=product&value=${encodeURIComponent(top.product)}`);
    const breakdown = await page.locator('table.breakdown[data-dimension="product"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[0]!.textContent));
    expect(breakdown).toContain(top.product);
    const products = await page.locator('table.evidence tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[5]!.textContent));
    expect(products.length).toBeGreaterThan(0);
    expect(new Set(products)).toEqual(new Set([top.product]));
    await screenshot(page, 'topic-product');
    await page.close();
  });

  it('serves /metrics in the Prometheus text format, with the stored items and the queue depths', async () => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheus(await res.text());
    const stored = samples.filter((s) => s.name === 'painpoint_feedback_items').reduce((n, s) => n + s.value, 0);
    expect(stored).toBe(await count(ctx.pool, 'SELECT count(*) AS n FROM feedback'));
    expect(types.get('painpoint_queue_jobs')).toBe('gauge');
    expect(samples.some((s) => s.name === 'painpoint_queue_jobs' && s.labels.includes('state="completed"') && s.value > 0)).toBe(true);
    expect(types.get('painpoint_alert_delivery_duration_seconds')).toBe('histogram');
    expect(types.get('painpoint_stage_duration_seconds')).toBe('histogram');
    // The demo's worker ran in this process: its store jobs were timed.
    expect(samples.find((s) => s.name === 'painpoint_stage_duration_seconds_count' && s.labels.includes('stage="store"'))?.value).toBeGreaterThan(0);
    expect(types.get('painpoint_monitor_runs_total')).toBe('counter');
  });

  it('ran every page of this file without a script error or a Content-Security-Policy refusal', () => {
    expect(pageErrors).toEqual([]);
  });
});
