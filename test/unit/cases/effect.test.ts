import { describe, expect, it } from 'vitest';
import { measureEffect, parseWindow } from '../../../src/improvements/effect.ts';

const base = { improvement: 3, topic: 'product.packaging', startDate: '2026-09-01', beforeDays: 28, afterDays: 28 };

describe('measureEffect', () => {
  it('reports the packaging example of the effect contract (12% → 3%) as effective with the z test', () => {
    const r = measureEffect({ ...base, pilot: { before: { items: 1200, negative: 144 }, after: { items: 1180, negative: 35 } }, control: null });
    expect(r).toMatchObject({ improvement: 3, topic: 'product.packaging', test: 'two-proportion z', verdict: 'effective', insufficient_data: false, n: 2380, control: null });
    expect(r.pilot).toEqual({ before: { items: 1200, negative: 144, rate: 0.12 }, after: { items: 1180, negative: 35, rate: 0.0297 } });
    expect(r.effect).toBeCloseTo(-0.0903, 4);
    expect(r.ci95![0]).toBeLessThan(r.effect!);
    expect(r.ci95![1]).toBeLessThan(0);
    expect(r.p_value).toBeLessThan(1e-10);
    expect(r.mde).toBeCloseTo(2.801585 * Math.sqrt(0.12 * 0.88 * (1 / 1200 + 1 / 1180)), 4);
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['improvement', 'topic', 'pilot', 'control', 'effect', 'ci95', 'p_value', 'test', 'mde', 'verdict']));
  });

  it('switches to the exact test for small counts', () => {
    const r = measureEffect({ ...base, pilot: { before: { items: 40, negative: 6 }, after: { items: 40, negative: 0 } }, control: null });
    expect(r.test).toBe('fisher exact');
    // Fisher two-sided for 6/40 vs 0/40: only the two extreme tables are as unlikely, 2 · C(40,6) / C(80,6) = 0.02555
    expect(r.p_value).toBeCloseTo((2 * 3838380) / 300500200, 4);
    expect(r.verdict).toBe('effective');
  });

  it('is worse on a significant rise and not significant on noise', () => {
    expect(measureEffect({ ...base, pilot: { before: { items: 1000, negative: 50 }, after: { items: 1000, negative: 100 } }, control: null }).verdict).toBe('worse');
    expect(measureEffect({ ...base, pilot: { before: { items: 1000, negative: 50 }, after: { items: 1000, negative: 55 } }, control: null }).verdict).toBe('not_significant');
  });

  it('subtracts the control arm: a drop both arms saw is no effect', () => {
    const both = { before: { items: 1000, negative: 120 }, after: { items: 1000, negative: 60 } };
    const r = measureEffect({ ...base, pilot: both, control: both });
    expect(r).toMatchObject({ test: 'difference in differences (z)', effect: 0, verdict: 'not_significant' });
    expect(r.control).toEqual({ before: { items: 1000, negative: 120, rate: 0.12 }, after: { items: 1000, negative: 60, rate: 0.06 } });
  });

  it('says insufficient data instead of a verdict on too few items', () => {
    const r = measureEffect({ ...base, pilot: { before: { items: 10, negative: 5 }, after: { items: 0, negative: 0 } }, control: null });
    expect(r).toMatchObject({ verdict: 'not_significant', insufficient_data: true, effect: null, p_value: null });
    const few = measureEffect({ ...base, pilot: { before: { items: 12, negative: 9 }, after: { items: 12, negative: 0 } }, control: null });
    expect(few).toMatchObject({ verdict: 'not_significant', insufficient_data: true, test: 'fisher exact' });
    expect(few.p_value).toBeLessThan(0.001);
  });
});

describe('parseWindow', () => {
  it('reads weeks and days', () => {
    expect(parseWindow('4w')).toBe(28);
    expect(parseWindow('10d')).toBe(10);
    expect(parseWindow('soon')).toMatch(/not a window/);
    expect(parseWindow('0d')).toMatch(/between/);
  });
});
