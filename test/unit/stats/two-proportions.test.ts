import { describe, expect, it } from 'vitest';
import { minimumDetectableDifference, newcombeInterval, normalQuantile, twoProportionZTest, twoSidedP, wilsonInterval } from '../../../src/stats/two-proportions.ts';

describe('two-proportion z test', () => {
  it('matches the value computed by hand for 144/1200 against 35/1180', () => {
    // p1 = 0.12, p2 = 35/1180 = 0.029661; pooled = 179/2380 = 0.075210;
    // SE0 = sqrt(0.075210 · 0.924790 · (1/1200 + 1/1180)) = 0.010812; z = −0.090339 / 0.010812 = −8.3552
    const r = twoProportionZTest({ x: 144, n: 1200 }, { x: 35, n: 1180 });
    expect(r.difference).toBeCloseTo(-0.090339, 5);
    expect(r.z).toBeCloseTo(-8.3552, 3);
    expect(r.pValue).toBeLessThan(1e-15);
    // SE = sqrt(0.12 · 0.88 / 1200 + 0.029661 · 0.970339 / 1180) = 0.010601
    expect(r.se).toBeCloseTo(0.010601, 5);
    expect(r.ci95[0]).toBeCloseTo(-0.090339 - 1.959964 * 0.010601, 4);
    expect(r.ci95[1]).toBeCloseTo(-0.090339 + 1.959964 * 0.010601, 4);
  });

  it('gives the textbook p for a modest difference: 50/500 against 70/500', () => {
    // pooled 0.12, SE0 = sqrt(0.12 · 0.88 · 2/500) = 0.020553, z = 0.04 / 0.020553 = 1.9462, p = 0.05163
    const r = twoProportionZTest({ x: 50, n: 500 }, { x: 70, n: 500 });
    expect(r.z).toBeCloseTo(1.9462, 3);
    expect(r.pValue).toBeCloseTo(0.05163, 4);
  });

  it('finds nothing where nothing varies, and refuses impossible counts', () => {
    expect(twoProportionZTest({ x: 0, n: 10 }, { x: 0, n: 12 })).toMatchObject({ difference: 0, z: 0, pValue: 1 });
    expect(() => twoProportionZTest({ x: 5, n: 3 }, { x: 1, n: 3 })).toThrow(/first proportion: expected 0 ≤ x ≤ n/);
    expect(() => twoProportionZTest({ x: 1, n: 3 }, { x: 1, n: 0 })).toThrow(/second proportion/);
  });

  it('normal quantiles and tails agree with the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 5);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 5);
  });
});

describe('intervals and power', () => {
  it('Wilson interval of 81/263 is (0.2553, 0.3662)', () => {
    // Newcombe (1998), Table I example: 81/263.
    const [lo, hi] = wilsonInterval({ x: 81, n: 263 });
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
  });

  it('Newcombe hybrid interval of 56/70 − 48/80 is (0.0524, 0.3339)', () => {
    // Newcombe (1998), method 10, example (a): 56/70 vs 48/80 → 0.0524 to 0.3339.
    const [lo, hi] = newcombeInterval({ x: 48, n: 80 }, { x: 56, n: 70 });
    expect(lo).toBeCloseTo(0.0524, 3);
    expect(hi).toBeCloseTo(0.3339, 3);
  });

  it('minimum detectable difference: 2.8016 · sqrt(0.12 · 0.88 · 2/1000) = 0.04071', () => {
    expect(minimumDetectableDifference(0.12, 1000, 1000)).toBeCloseTo(2.801585 * Math.sqrt(0.12 * 0.88 * 0.002), 6);
    expect(minimumDetectableDifference(0.12, 1000, 1000)).toBeCloseTo(0.04071, 4);
    // Four times the sample halves it.
    expect(minimumDetectableDifference(0.12, 4000, 4000) * 2).toBeCloseTo(minimumDetectableDifference(0.12, 1000, 1000), 10);
  });
});
