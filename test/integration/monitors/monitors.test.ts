import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.ts';
import { monitorRuns } from '../../../src/metrics/registry.ts';
import { checkMonitors } from '../../../src/monitors/check.ts';
import { isScoreMetric } from '../../../src/monitors/evaluate.ts';
import { loadMonitors } from '../../../src/monitors/load-monitors.ts';
import { monitorScheduleNext } from '../../../jobs/schedule.ts';
import { startMonitorWorker } from '../../../jobs/monitor.ts';
import { runMonitorCheck } from '../../../src/monitors/run-check.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import { saveAnalyzedBatch } from '../../../src/store/feedback-repository.ts';
import type { Queryable } from '../../../src/store/pool.ts';
import { sqlFolder } from '../../../src/store/sql-files.ts';
import { verifyPainpoint } from '../../unit/delivery/fixtures/verify-painpoint.js';
import { addDays, generateFeedback } from '../../support/generated-feedback.ts';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { captureLogs, closeAfterEach, deliveryConfig, openDelivery, SECRET, startReceiver, waitUntil } from '../delivery/delivery-support.ts';

const START = '2026-09-07'; // a Monday; weeks 0–7 are noise, week 8 holds the spike
const SPIKE_WEEK = 8;
/** Noon in Shanghai on the Monday after week `w`: the check then evaluates week `w`. */
const after = (w: number) => new Date(`${addDays(START, 7 * w + 7)}T04:00:00Z`);

describe('the default monitors on generated data in Postgres', () => {
  const db = useTestDatabase('monitors');
  const track = closeAfterEach();
  const items = generateFeedback({ start: START, weeks: SPIKE_WEEK + 1, itemsPerWeek: 600, seed: 20261201, spikes: [{ topic: 'delivery.cold_chain', region: '华南', week: SPIKE_WEEK, rate: 0.25 }] });

  beforeAll(async () => {
    for (let i = 0; i < items.length; i += 1000) await saveAnalyzedBatch(db.current.pool, items.slice(i, i + 1000), { timeZone: 'Asia/Shanghai' });
  });

  it('eight weeks of noise raise nothing; the planted 华南 cold-chain spike is found with its scope, products and evidence', async () => {
    const config = deliveryConfig(uniquePrefix('monitors'), 'http://127.0.0.1:9/hook');
    const { monitors } = loadMonitors(config);
    for (let w = 0; w < SPIKE_WEEK; w++) {
      const found = await checkMonitors(db.current.pool, config, monitors, { at: after(w), record: false });
      expect(found.map((f) => `${f.finding.monitor} ${JSON.stringify(f.finding.scope)} ${f.finding.topic}`), `week ${w}`).toEqual([]);
    }
    const found = (await checkMonitors(db.current.pool, config, monitors, { at: after(SPIKE_WEEK), record: false })).map((c) => c.finding);
    expect(found.every((f) => f.topic === 'delivery.cold_chain')).toBe(true);
    const regional = found.find((f) => f.monitor === 'pain-spikes-by-region')!;
    expect(regional.scope).toEqual({ region: '华南' });
    expect(regional.window).toEqual({ from: addDays(START, 7 * SPIKE_WEEK), to: addDays(START, 7 * SPIKE_WEEK + 7) });
    // n and value recomputed from the generated items themselves
    const inWeek = items.filter((i) => i.region === '华南' && i.postedAt!.slice(0, 10) >= regional.window.from && i.postedAt!.slice(0, 10) < regional.window.to);
    const complaining = inWeek.filter((i) => i.analysis.aspects.some((a) => a.topic === 'delivery.cold_chain'));
    expect(regional.n).toBe(inWeek.length);
    expect(regional.value).toBeCloseTo(complaining.length / inWeek.length, 12);
    expect(regional.p_value).toBeLessThan(0.001);
    expect(regional.value).toBeGreaterThan(1.5 * regional.baseline!);
    expect(regional.evidence).toHaveLength(5);
    expect(regional.evidence.every((e) => e.region === '华南' && e.evidence.includes('delivery.cold_chain'))).toBe(true);
    expect(new Set(regional.contributors.map((c) => c.dimension))).toEqual(new Set(['source', 'product']));
  });

  it('counts each monitor check in painpoint_monitor_runs_total: fired for the spike week, ok for a quiet one', async () => {
    const config = deliveryConfig(uniquePrefix('monitor-runs'), 'http://127.0.0.1:9/hook');
    const { monitors } = loadMonitors(config);
    const count = async (monitor: string, outcome: string) =>
      (await monitorRuns.get()).values.find((v) => v.labels.monitor === monitor && v.labels.outcome === outcome)?.value ?? 0;
    const [fired, ok] = [await count('pain-spikes-by-region', 'fired'), await count('pain-spikes-by-region', 'ok')];
    await checkMonitors(db.current.pool, config, monitors, { at: after(SPIKE_WEEK), record: false });
    expect(await count('pain-spikes-by-region', 'fired')).toBe(fired + 1);
    await checkMonitors(db.current.pool, config, monitors, { at: after(2), record: false });
    expect(await count('pain-spikes-by-region', 'ok')).toBe(ok + 1);
    expect(await count('pain-spikes-by-region', 'fired')).toBe(fired + 1);
  });

  it('one check reads each range of slice data once, however many monitors share it', async () => {
    const config = deliveryConfig(uniquePrefix('monitor-reads'), 'http://127.0.0.1:9/hook');
    const { monitors } = loadMonitors(config);
    // the default monitors share their weeks: two count monitors, three score monitors
    expect(monitors.filter((m) => !isScoreMetric(m.metric)).length).toBeGreaterThan(1);
    expect(monitors.filter((m) => isScoreMetric(m.metric)).length).toBeGreaterThan(1);
    const texts: string[] = [];
    const pool = db.current.pool;
    const counting = { query: ((text: string, params: unknown[]) => (texts.push(text), pool.query(text, params))) as unknown as Queryable['query'] };
    const found = await checkMonitors(counting, config, monitors, { at: after(SPIKE_WEEK), record: false });
    expect(found.length).toBeGreaterThan(0);
    const reads = (folder: string, name: string) => texts.filter((t) => t === sqlFolder(folder)(name)).length;
    expect(reads('monitors', 'items')).toBe(1);
    expect(reads('monitors', 'mentions')).toBe(1);
    expect(reads('scores', 'daily')).toBe(1);
    // and the next check reads afresh: rows stored since are seen
    await checkMonitors(counting, config, monitors, { at: after(SPIKE_WEEK), record: false });
    expect(reads('monitors', 'items')).toBe(2);
  });

  it('records each finding once: a re-check adds no row; the webhook arrives signed, as {"type": "metric"}', async () => {
    const receiver = track(await startReceiver());
    const config = deliveryConfig(uniquePrefix('monitors'), receiver.url);
    const { stream } = captureLogs();
    const ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl: undefined, migrate: false, logger: createLogger({ level: 'info', destination: stream }) });
    const worker = await startMonitorWorker(ctx, { schedule: false });
    track({ close: async () => { await worker.close(true); await closePipelineContext(ctx); } });

    const first = await runMonitorCheck(ctx, { at: after(SPIKE_WEEK) });
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => r.newId !== undefined && r.status === 'pending')).toBe(true);
    const rows = async () => (await ctx.pool.query('SELECT count(*)::int AS n FROM metric_alerts')).rows[0].n as number;
    expect(await rows()).toBe(first.length);

    await receiver.waitFor((all) => all.length >= first.length);
    const regional = first.find((r) => r.finding.monitor === 'pain-spikes-by-region')!;
    const got = receiver.requests.find((r) => r.id === `metric-${regional.newId}`)!;
    expect(got.verified).toBe(true);
    expect(verifyPainpoint('another-secret', got.signature, got.raw)).toBe(false);
    expect(got.body).toMatchObject({ type: 'metric', id: `metric-${regional.newId}`, monitor: 'pain-spikes-by-region', metric: 'negative_rate', topic: 'delivery.cold_chain', scope: { region: '华南' }, n: regional.finding.n });
    expect(got.body.value).toBeCloseTo(regional.finding.value, 12);
    expect(got.body.p_value).toBeLessThan(0.001);
    expect(got.body.baseline).toBeCloseTo(regional.finding.baseline!, 12);
    expect(got.body.evidence.length).toBeGreaterThan(0);
    expect(got.body.evidence.length).toBeLessThanOrEqual(5);
    expect(got.body.contributors.some((c: { dimension: string }) => c.dimension === 'product')).toBe(true);
    await expect.poll(async () => (await ctx.pool.query('SELECT status FROM metric_alerts WHERE id = $1', [regional.newId])).rows[0].status).toBe('delivered');

    const again = await runMonitorCheck(ctx, { at: after(SPIKE_WEEK) });
    expect(again.map((r) => r.finding.monitor)).toEqual(first.map((r) => r.finding.monitor));
    expect(again.every((r) => r.newId === undefined)).toBe(true);
    expect(await rows()).toBe(first.length);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests).toHaveLength(first.length);
  });

  it('a metric finding\'s POST, sent by the monitor worker, is timed and counted like every delivery attempt; the last failed one marks it failed', async () => {
    const receiver = track(await startReceiver((n) => (n === 1 ? 200 : 503)));
    const config = deliveryConfig(uniquePrefix('metric-send'), receiver.url, { attempts: 2 });
    const ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl: undefined, migrate: false, logger: createLogger({ level: 'silent' }) });
    track({ close: () => closePipelineContext(ctx) });
    const { getMetricAlert, routeMetricAlert, saveMetricAlert } = await import('../../../src/store/metric-alerts-repository.ts');
    const { enqueueMetricSends } = await import('../../../src/delivery/metric-jobs.ts');
    const { deliveryRuntime } = await import('../../../src/delivery/runtime.ts');
    const { deliveryFailures, deliverySeconds } = await import('../../../src/metrics/registry.ts');
    const endpoint = deliveryRuntime(ctx.config).endpoints[0]!.name;
    const base = { monitor: 'metric-send-test', kind: 'relative', metric: 'negative_rate', scope: {}, windowFrom: '2026-01-05', windowTo: '2026-01-12', value: 0.3, baseline: 0.03, pValue: 1e-9, n: 100, detail: {} };
    const finding = async (topic: string) => {
      const id = (await saveMetricAlert(ctx.pool, { ...base, topic }))!;
      await routeMetricAlert(ctx.pool, id, [endpoint], 'pending');
      return id;
    };
    const timed = async () => (await deliverySeconds.get()).values.find((v) => v.metricName === 'painpoint_alert_delivery_duration_seconds_count' && v.labels.endpoint === endpoint && v.labels.kind === 'metric')?.value ?? 0;
    const failures = async () => (await deliveryFailures.get()).values.find((v) => v.labels.endpoint === endpoint && v.labels.kind === 'metric')?.value ?? 0;
    const [t0, f0] = [await timed(), await failures()];
    const worker = await startMonitorWorker(ctx, { schedule: false });
    track({ close: () => worker.close(true) });

    const ok = await finding('product.taste');
    await enqueueMetricSends(ctx, ok, [endpoint]);
    await waitUntil(async () => (await getMetricAlert(ctx.pool, ok))!.deliveredTo.length > 0, 15_000, 'finding delivered');
    expect((await getMetricAlert(ctx.pool, ok))!.deliveredTo).toEqual([endpoint]);
    await waitUntil(async () => (await timed()) === t0 + 1, 5_000, 'delivery timed');
    expect(await failures()).toBe(f0);

    const bad = await finding('product.price');
    await enqueueMetricSends(ctx, bad, [endpoint]);
    await waitUntil(async () => (await getMetricAlert(ctx.pool, bad))!.status === 'failed', 15_000, 'finding failed');
    expect((await getMetricAlert(ctx.pool, bad))!.attempts).toBe(2);
    await waitUntil(async () => (await timed()) === t0 + 3, 5_000, 'attempts timed');
    expect(await failures()).toBe(f0 + 2);
  });

  it('a monitor worker that does not know a finding\'s endpoint hands the send back, and a worker that knows it delivers it: nothing is marked failed', async () => {
    const receiver = track(await startReceiver());
    const prefix = uniquePrefix('metric-handback');
    process.env.SECOND_SECRET = SECRET;
    try {
      const withSecond = deliveryConfig(prefix, 'http://127.0.0.1:9/hook', { endpoints: [{ name: 'second', url: receiver.url, secretEnv: 'SECOND_SECRET' }] });
      const newer = track(await openDelivery(withSecond, db.current.url, undefined, { schedules: false })); // registers `second`
      const older = await createPipelineContext(deliveryConfig(prefix, 'http://127.0.0.1:9/hook'), { databaseUrl: db.current.url, redisUrl: undefined, migrate: false, logger: createLogger({ level: 'silent' }) });
      track({ close: () => closePipelineContext(older) });
      const { getMetricAlert, routeMetricAlert, saveMetricAlert } = await import('../../../src/store/metric-alerts-repository.ts');
      const { enqueueMetricSends } = await import('../../../src/delivery/metric-jobs.ts');
      const id = (await saveMetricAlert(older.pool, { monitor: 'metric-handback-test', kind: 'relative', metric: 'negative_rate', topic: 'product.taste', scope: {}, windowFrom: '2026-02-02', windowTo: '2026-02-09', value: 0.3, baseline: 0.03, pValue: 1e-9, n: 100, detail: {} }))!;
      await routeMetricAlert(older.pool, id, ['second'], 'pending');
      const olderWorker = await startMonitorWorker(older, { schedule: false });
      track({ close: () => olderWorker.close(true) });
      await enqueueMetricSends(older, id, ['second']);
      // Only the older worker (no `second`) is taking jobs: the send must come back, not fail.
      await waitUntil(async () => (await older.queues.queue('monitor').getDelayedCount()) > 0, 15_000, 'send handed back');
      expect((await getMetricAlert(older.pool, id))!.status).toBe('pending');
      const newerWorker = await startMonitorWorker(newer.ctx, { schedule: false });
      track({ close: () => newerWorker.close(true) });
      await waitUntil(async () => (await getMetricAlert(older.pool, id))!.deliveredTo.includes('second'), 30_000, 'finding delivered by the worker that knows the endpoint');
      expect(receiver.accepted().map((r) => r.id)).toContain(`metric-${id}`);
      expect((await getMetricAlert(older.pool, id))!.attempts).toBeLessThanOrEqual(1);
      // The hand-backs posted nothing: no failure is counted for them.
      const { deliveryFailures } = await import('../../../src/metrics/registry.ts');
      expect((await deliveryFailures.get()).values.find((v) => v.labels.endpoint === 'second' && v.labels.kind === 'metric')?.value ?? 0).toBe(0);
    } finally {
      delete process.env.SECOND_SECRET;
    }
  });

  it('the worker registers the hourly check as a job scheduler on the monitor queue', async () => {
    const config = deliveryConfig(uniquePrefix('monitors'), 'http://127.0.0.1:9/hook');
    const ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl: undefined, migrate: false, logger: createLogger({ level: 'silent' }) });
    track({ close: () => closePipelineContext(ctx) });
    expect(await monitorScheduleNext(ctx)).toBeUndefined();
    const worker = await startMonitorWorker(ctx);
    track({ close: () => worker.close(true) });
    const next = await monitorScheduleNext(ctx);
    expect(next).toBeInstanceOf(Date);
    expect(next!.getTime() - Date.now()).toBeLessThanOrEqual(config.monitors.every);
  });

  it('a finding of the same monitor and slice within the cool-down is kept, not sent', async () => {
    const config = deliveryConfig(uniquePrefix('monitors'), 'http://127.0.0.1:9/hook');
    const ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl: undefined, migrate: false, logger: createLogger({ level: 'silent' }) });
    track({ close: () => closePipelineContext(ctx) });
    const { dispatchMetricAlert } = await import('../../../src/delivery/metric-dispatch.ts');
    const { saveMetricAlert } = await import('../../../src/store/metric-alerts-repository.ts');
    const base = { monitor: 'pain-spikes-by-region', kind: 'relative', metric: 'negative_rate', topic: 'delivery.cold_chain', scope: { region: '华南' }, value: 0.3, baseline: 0.03, pValue: 1e-9, n: 100, detail: {} };
    // the next week, same slice: within the day of cool-down after the finding the last test sent
    const id = (await saveMetricAlert(ctx.pool, { ...base, windowFrom: addDays(START, 63), windowTo: addDays(START, 70) }))!;
    expect(await dispatchMetricAlert(ctx, id, { monitor: base.monitor, topic: base.topic, scope: base.scope }, {})).toBe('suppressed');
    // another region is another slice
    const other = (await saveMetricAlert(ctx.pool, { ...base, scope: { region: '华北' }, windowFrom: addDays(START, 63), windowTo: addDays(START, 70) }))!;
    expect(await dispatchMetricAlert(ctx, other, { monitor: base.monitor, topic: base.topic, scope: { region: '华北' } }, {})).toBe('pending');
  });
});
