import { describe, expect, it } from 'vitest';
import { monitorSchema, type MonitorConfig } from '../../../src/config/schema/monitors.ts';
import { contributors } from '../../../src/monitors/contributors.ts';
import { evaluateMonitor } from '../../../src/monitors/evaluate.ts';
import { lastCompleteWindow, windowsBefore } from '../../../src/monitors/windows.ts';
import { addDays, generateFeedback, sliceDataOf } from '../../support/generated-feedback.ts';

const START = '2026-09-07'; // a Monday
const monitor = (m: Record<string, unknown>): MonitorConfig => monitorSchema.parse(m);
const regional = monitor({ id: 'spikes', kind: 'relative', metric: 'negative_rate', by: ['region'], window: 'week', baseline: 6, alpha: 0.001, minChange: 0.5, minItems: 30 });

function weekWindows(week: number, baseline = 6) {
  const current = { from: addDays(START, week * 7), to: addDays(START, week * 7 + 7) };
  return { current, baseline: windowsBefore(current, 'week', baseline) };
}

describe('windows', () => {
  it('the last complete week before a Wednesday is the Monday–Sunday before it, in the pipeline zone', () => {
    // 2026-11-18 is a Wednesday; 2026-11-16 00:30 in Shanghai is still Sunday 15 November in UTC
    expect(lastCompleteWindow(new Date('2026-11-18T03:00:00Z'), 'week', 'Asia/Shanghai')).toEqual({ from: '2026-11-09', to: '2026-11-16' });
    expect(lastCompleteWindow(new Date('2026-11-15T16:30:00Z'), 'week', 'Asia/Shanghai')).toEqual({ from: '2026-11-09', to: '2026-11-16' });
    expect(lastCompleteWindow(new Date('2026-11-15T16:30:00Z'), 'week', 'UTC')).toEqual({ from: '2026-11-02', to: '2026-11-09' });
    expect(lastCompleteWindow(new Date('2026-11-18T03:00:00Z'), 'day', 'Asia/Shanghai')).toEqual({ from: '2026-11-17', to: '2026-11-18' });
    expect(windowsBefore({ from: '2026-11-09', to: '2026-11-16' }, 'week', 2)).toEqual([
      { from: '2026-10-26', to: '2026-11-02' },
      { from: '2026-11-02', to: '2026-11-09' },
    ]);
  });
});

describe('a relative monitor on generated data', () => {
  const items = generateFeedback({
    start: START,
    weeks: 9,
    itemsPerWeek: 600,
    seed: 7,
    spikes: [
      { topic: 'delivery.cold_chain', region: '华南', week: 8, rate: 0.6, product: '毛肚' },
      { topic: 'delivery.cold_chain', region: '华南', week: 8, rate: 0.12 },
    ],
  });
  const data = sliceDataOf(items);

  it('finds the planted spike of one topic in one region, and only it', () => {
    const found = evaluateMonitor(regional, data, weekWindows(8));
    expect(found.map((f) => [f.topic, f.scope])).toEqual([['delivery.cold_chain', { region: '华南' }]]);
    const f = found[0]!;
    expect(f.p_value).toBeLessThan(0.001);
    expect(f.value).toBeGreaterThan(1.5 * f.baseline!);
    expect(f.window).toEqual(weekWindows(8).current);
    expect(f.n).toBe(items.filter((i) => i.region === '华南' && i.postedAt! >= weekWindows(8).current.from && i.postedAt! < weekWindows(8).current.to).length);
  });

  it('names the product that drives it among the contributing slices', () => {
    const f = evaluateMonitor(regional, data, weekWindows(8))[0]!;
    const products = contributors(regional, f, data, weekWindows(8), 3).filter((c) => c.dimension === 'product');
    expect(products[0]?.value).toBe('毛肚');
    expect(products[0]!.excess).toBeGreaterThan(products[1]?.excess ?? 0);
  });

  it('raises nothing on the noise weeks before it', () => {
    for (let week = 6; week < 8; week++) expect(evaluateMonitor(regional, data, weekWindows(week))).toEqual([]);
  });

  it('gives no verdict below minItems or without a baseline', () => {
    expect(evaluateMonitor({ ...regional, minItems: 10_000 }, data, weekWindows(8))).toEqual([]);
    expect(evaluateMonitor(regional, data, weekWindows(0))).toEqual([]);
  });

  it('honours the filter: filtered to another product, the spike is not there', () => {
    const onlySurvey = { ...regional, filter: { product: '腊肠' } };
    expect(evaluateMonitor(onlySurvey, data, weekWindows(8))).toEqual([]);
  });
});

describe('share and items', () => {
  it('share: the spike topic takes a larger part of the region\'s negative mentions', () => {
    const data = sliceDataOf(generateFeedback({ start: START, weeks: 9, itemsPerWeek: 600, seed: 7, spikes: [{ topic: 'delivery.cold_chain', region: '华南', week: 8, rate: 0.3 }] }));
    const share = monitor({ id: 'share', kind: 'relative', metric: 'share', by: ['region'], alpha: 0.001 });
    const found = evaluateMonitor(share, data, weekWindows(8));
    expect(found.map((f) => [f.topic, f.scope.region])).toEqual([['delivery.cold_chain', '华南']]);
    expect(found[0]!.value).toBeLessThanOrEqual(1);
  });

  it('items: twice the usual volume in a week is a rise of the count; the usual volume is not', () => {
    const day = (d: string, items: number) => ({ day: d, channel: 'review', source: 's', region: '华南', segment: '', product: '', items });
    const usual = Array.from({ length: 6 }, (_, w) => day(addDays(START, w * 7 + 2), 100));
    const items = monitor({ id: 'volume', kind: 'relative', metric: 'items', window: 'week', alpha: 0.001 });
    const spike = evaluateMonitor(items, { items: [...usual, day(addDays(START, 44), 200)], mentions: [], scores: [] }, weekWindows(6));
    expect(spike).toHaveLength(1);
    expect(spike[0]).toMatchObject({ metric: 'items', value: 200, baseline: 100, n: 200, topic: null });
    // P(Bin(800, 1/7) ≥ 200): far below 0.001
    expect(spike[0]!.p_value).toBeLessThan(1e-15);
    expect(evaluateMonitor(items, { items: [...usual, day(addDays(START, 44), 110)], mentions: [], scores: [] }, weekWindows(6))).toEqual([]);
  });
});

describe('target and threshold monitors', () => {
  const data = sliceDataOf(generateFeedback({ start: START, weeks: 7, itemsPerWeek: 600, seed: 11 }));

  it('a target met by the data raises nothing; one above what the data reaches is missed with a small p-value', () => {
    const nps = monitor({ id: 'nps', kind: 'target', metric: 'nps', window: 'week', below: 30 });
    expect(evaluateMonitor(nps, data, weekWindows(6))).toEqual([]);
    const strict = evaluateMonitor({ ...nps, below: 60 }, data, weekWindows(6));
    expect(strict).toHaveLength(1);
    expect(strict[0]!.p_value).toBeLessThan(0.05);
    expect(strict[0]!.value).toBeLessThan(60);
    expect(strict[0]!.limit).toBe(60);
    expect(strict[0]!.topic).toBeNull();
  });

  it('a threshold fires on the point estimate alone, with the binomial p-value beside it', () => {
    const t = monitor({ id: 'late', kind: 'threshold', metric: 'negative_rate', topics: ['delivery.timeliness'], window: 'week', above: 0.05 });
    const found = evaluateMonitor(t, data, weekWindows(6));
    expect(found).toHaveLength(1);
    expect(found[0]!.value).toBeGreaterThan(0.05);
    expect(found[0]!.p_value).toBeGreaterThanOrEqual(0);
  });
});

describe('monitor validation', () => {
  it('names what is wrong', () => {
    const bad = (m: Record<string, unknown>) => {
      const r = monitorSchema.safeParse(m);
      return r.success ? undefined : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(bad({ id: 'x', kind: 'relative', metric: 'nps' })?.[0]).toMatch(/^metric: a relative monitor watches counts/);
    expect(bad({ id: 'x', kind: 'target', metric: 'nps' })?.[0]).toMatch(/^below: a target monitor needs exactly one of below or above/);
    expect(bad({ id: 'x', kind: 'target', metric: 'nps', below: 30, topics: ['product.taste'] })?.[0]).toMatch(/^topics:/);
    expect(bad({ id: 'x', kind: 'relative', metric: 'share', by: ['city'] })?.[0]).toMatch(/^by\.0:/);
    expect(bad({ id: 'x', kind: 'relative', metric: 'share', window: 'month' })?.[0]).toMatch(/^window:/);
    expect(bad({ id: 'x', kind: 'relative', metric: 'share', filter: { city: '广州' } })?.[0]).toMatch(/^filter/);
  });
});

describe('the check line', () => {
  it('puts the fixed keys first, in order, then the additions', async () => {
    const { findingLine } = await import('../../../src/monitors/finding.ts');
    const line = findingLine(
      { monitor: 'm', metric: 'nps', topic: null, scope: { region: '华南' }, window: { from: '2026-11-09', to: '2026-11-16' }, value: 12.5, baseline: 35, p_value: 0.01, n: 40, kind: 'target', limit: 30, contributors: [], evidence: [] },
      { id: 3, new: true },
    );
    expect(Object.keys(JSON.parse(line))).toEqual(['monitor', 'metric', 'topic', 'scope', 'window', 'value', 'baseline', 'p_value', 'n', 'kind', 'limit', 'contributors', 'evidence', 'id', 'new']);
    expect(line).not.toContain('\n');
  });
});
