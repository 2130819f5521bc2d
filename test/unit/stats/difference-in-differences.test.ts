import { describe, expect, it } from 'vitest';
import { differenceInDifferences } from '../../../src/stats/difference-in-differences.ts';

describe('difference in differences of proportions', () => {
  it('matches the value computed by hand', () => {
    // pilot 0.12 → 0.03, control 0.11 → 0.10: effect = −0.09 − (−0.01) = −0.08
    // SE = sqrt(.12·.88/1000 + .03·.97/1000 + .11·.89/1000 + .10·.90/1000) = sqrt(0.0003226) = 0.017961
    const r = differenceInDifferences({
      pilotBefore: { x: 120, n: 1000 },
      pilotAfter: { x: 30, n: 1000 },
      controlBefore: { x: 110, n: 1000 },
      controlAfter: { x: 100, n: 1000 },
    });
    expect(r.effect).toBeCloseTo(-0.08, 10);
    expect(r.se).toBeCloseTo(0.017961, 5);
    expect(r.z).toBeCloseTo(-0.08 / 0.017961, 2);
    expect(r.pValue).toBeLessThan(1e-5);
    expect(r.ci95[0]).toBeCloseTo(-0.08 - 1.959964 * 0.017961, 4);
    // MDE = 2.801585 · sqrt(.12·.88·.002 + .11·.89·.002) = 2.801585 · 0.020174 = 0.05652
    expect(r.mde).toBeCloseTo(0.05652, 4);
  });

  it('cancels a change both arms saw', () => {
    const r = differenceInDifferences({
      pilotBefore: { x: 100, n: 1000 },
      pilotAfter: { x: 150, n: 1000 },
      controlBefore: { x: 100, n: 1000 },
      controlAfter: { x: 150, n: 1000 },
    });
    expect(r.effect).toBeCloseTo(0, 12);
    expect(r.pValue).toBeCloseTo(1, 10);
  });

  it('names the sample that is impossible', () => {
    expect(() => differenceInDifferences({ pilotBefore: { x: 1, n: 2 }, pilotAfter: { x: 1, n: 2 }, controlBefore: { x: 1, n: 0 }, controlAfter: { x: 1, n: 2 } })).toThrow(/controlBefore/);
  });
});
