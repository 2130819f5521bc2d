import { describe, expect, it } from 'vitest';
import { bootstrapInterval } from '../../../src/stats/bootstrap-interval.ts';

/** The share of units that are 1, from how many times each was drawn. */
const shareOf = (values: readonly number[]) => (draws: Uint32Array) => {
  let ones = 0;
  let all = 0;
  values.forEach((v, i) => {
    ones += v * draws[i]!;
    all += draws[i]!;
  });
  return ones / all;
};

describe('bootstrapInterval', () => {
  it('draws as many units as there are, so a constant statistic has no width', () => {
    const i = bootstrapInterval(50, (draws) => draws.reduce((n, d) => n + d, 0));
    expect(i).toEqual({ lower: 50, upper: 50 });
  });

  it('brackets a proportion as the normal approximation does for 40 of 100, and is the same for the same seed', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i < 40 ? 1 : 0));
    const i = bootstrapInterval(100, shareOf(values), { resamples: 4000 });
    // 0.4 ∓ 1.96 √(0.4 × 0.6 / 100) = 0.304 … 0.496
    expect(i.lower).toBeGreaterThan(0.28);
    expect(i.lower).toBeLessThan(0.33);
    expect(i.upper).toBeGreaterThan(0.47);
    expect(i.upper).toBeLessThan(0.52);
    expect(bootstrapInterval(100, shareOf(values), { resamples: 4000 })).toEqual(i);
  });

  it('narrows as the units grow, and widens with the confidence asked', () => {
    const width = (n: number, confidence = 0.95) => {
      const i = bootstrapInterval(n, shareOf(Array.from({ length: n }, (_, k) => k % 2)), { confidence });
      return i.upper - i.lower;
    };
    expect(width(400)).toBeLessThan(width(40) * 0.6);
    expect(width(200, 0.8)).toBeLessThan(width(200, 0.99));
  });

  it('gives no interval for no units', () => {
    const i = bootstrapInterval(0, () => 1);
    expect(Number.isNaN(i.lower) && Number.isNaN(i.upper)).toBe(true);
  });
});
