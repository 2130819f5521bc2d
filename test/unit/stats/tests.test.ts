import { describe, expect, it } from 'vitest';
import { binomialLowerTail, binomialUpperTail, rateIncreaseTest } from '../../../src/stats/count-test.ts';
import { hasEnough, responsesForMargin } from '../../../src/stats/minimum-n.ts';
import { aboveTargetPValue, belowTargetPValue } from '../../../src/stats/target-test.ts';

// Binomial tails computed independently by exact summation, Σ C(n, i) pⁱ (1 − p)ⁿ⁻ⁱ, in Python;
// normal and t tails are R's pnorm(−2) and pt(−2, 9).
describe('exact binomial tails', () => {
  it('P(X ≥ 3), X ~ Bin(10, 0.1) = 0.0701908264', () => {
    expect(binomialUpperTail(3, 10, 0.1)).toBeCloseTo(0.0701908264, 9);
  });

  it('keeps precision far in the tail: P(X ≥ 35), X ~ Bin(60, 0.25) = 4.2819e-8', () => {
    expect(binomialUpperTail(35, 60, 0.25) / 4.281905964838169e-8).toBeCloseTo(1, 6);
  });

  it('has the obvious edges', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(8, 8, 0.5)).toBeCloseTo(0.5 ** 8, 12);
    expect(binomialLowerTail(2, 10, 0.1) + binomialUpperTail(3, 10, 0.1)).toBeCloseTo(1, 12);
  });
});

describe('rate increase test (conditional Poisson)', () => {
  it('10 events in 1 week against 20 in the 6 before: P(Bin(30, 1/7) ≥ 10) = 0.0068522', () => {
    const r = rateIncreaseTest(10, 1, 20, 6);
    expect(r.pValue).toBeCloseTo(0.006852230380517751, 9);
    expect(r.rate).toBe(10);
    expect(r.baselineRate).toBeCloseTo(20 / 6, 12);
    expect(r.ratio).toBeCloseTo(3, 12);
  });

  it('uses item exposure: 12 of 40 items against 18 of 360 is P(Bin(30, 0.1) ≥ 12) = 1.5284e-5; the same rate is not significant', () => {
    expect(rateIncreaseTest(12, 40, 18, 360).pValue).toBeCloseTo(1.5284491786e-5, 12);
    const same = rateIncreaseTest(2, 40, 18, 360);
    expect(same.ratio).toBeCloseTo(1, 12);
    expect(same.pValue).toBeGreaterThan(0.3);
  });

  it('nothing in the window is never an increase; something after nothing has ratio Infinity', () => {
    expect(rateIncreaseTest(0, 40, 5, 200).pValue).toBe(1);
    expect(rateIncreaseTest(3, 40, 0, 200).ratio).toBe(Infinity);
  });
});

describe('target tests', () => {
  it('an NPS of 20 ± se 5 against a target of 30: p = Φ(−2) = 0.02275', () => {
    expect(belowTargetPValue(20, 5, 30)).toBeCloseTo(0.0227501, 6);
    expect(belowTargetPValue(40, 5, 30)).toBeCloseTo(1 - 0.0227501, 6);
  });

  it('a mean uses t with n − 1 degrees: pt(−2, 9) = 0.0382764', () => {
    expect(belowTargetPValue(4.3, 0.1, 4.5, 9)).toBeCloseTo(0.0382764, 6);
    expect(aboveTargetPValue(4.7, 0.1, 4.5, 9)).toBeCloseTo(0.0382764, 6);
  });
});

describe('minimum n', () => {
  it('±5 points of a share and ±10 NPS points both need the classic 385 answers', () => {
    expect(responsesForMargin('proportion', 0.05)).toBe(385);
    expect(responsesForMargin('nps', 10)).toBe(385);
    expect(responsesForMargin('mean', 0.2, { sd: 1 })).toBe(97);
  });

  it('draws the line at min', () => {
    expect(hasEnough(29, 30)).toBe(false);
    expect(hasEnough(30, 30)).toBe(true);
  });
});
