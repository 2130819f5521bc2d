import { describe, expect, it } from 'vitest';
import { fisherExactTwoSided } from '../../../src/stats/fisher-exact.ts';

describe("Fisher's exact test", () => {
  it("gives 0.4857 for Fisher's tea-tasting table (3 1 / 1 3)", () => {
    // R: fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value = 0.4857143 (= 34/70)
    expect(fisherExactTwoSided({ a: 3, b: 1, c: 1, d: 3 })).toBeCloseTo(34 / 70, 10);
  });

  it('gives 0.002759 for the table 1 9 / 11 3', () => {
    // R: fisher.test(matrix(c(1, 11, 9, 3), 2))$p.value = 0.002759456
    expect(fisherExactTwoSided({ a: 1, b: 9, c: 11, d: 3 })).toBeCloseTo(0.002759456, 8);
  });

  it('is 1 for identical rows and small for an extreme table', () => {
    expect(fisherExactTwoSided({ a: 2, b: 8, c: 2, d: 8 })).toBeCloseTo(1, 10);
    // All 10 successes in the first row of 10 + 10: 2 / C(20, 10) = 1.0825e-5
    expect(fisherExactTwoSided({ a: 10, b: 0, c: 0, d: 10 })).toBeCloseTo(2 / 184756, 12);
  });

  it('refuses negative or fractional cells', () => {
    expect(() => fisherExactTwoSided({ a: -1, b: 2, c: 3, d: 4 })).toThrow(/cell a must be a non-negative integer/);
    expect(() => fisherExactTwoSided({ a: 1, b: 2.5, c: 3, d: 4 })).toThrow(/cell b/);
  });
});
