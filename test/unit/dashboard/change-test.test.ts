import { describe, expect, it } from 'vitest';
import { binomialTwoSided, changeVerdict } from '../../../src/dashboard/change-test.ts';

describe('the change test of the overview', () => {
  it('gives the exact two-sided binomial p-value', () => {
    // 9 of 10 in one period: 2 × (1 + 10) / 1024.
    expect(binomialTwoSided(9, 1)).toBeCloseTo(22 / 1024, 12);
    expect(binomialTwoSided(1, 9)).toBeCloseTo(22 / 1024, 12);
    expect(binomialTwoSided(5, 5)).toBe(1);
    expect(binomialTwoSided(0, 0)).toBe(1);
    // Large counts stay finite: 5,200 against 4,800 is about 3.96 standard errors.
    expect(binomialTwoSided(5200, 4800)).toBeGreaterThan(5e-5);
    expect(binomialTwoSided(5200, 4800)).toBeLessThan(1e-4);
  });

  it('says insufficient data below ten mentions, and significant only past chance', () => {
    expect(changeVerdict(6, 0)).toEqual({ verdict: 'insufficient', n: 6 });
    expect(changeVerdict(57, 3).verdict).toBe('significant');
    expect(changeVerdict(12, 11).verdict).toBe('not_significant');
  });
});
