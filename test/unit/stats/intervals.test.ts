import { describe, expect, it } from 'vitest';
import { meanInterval, momentsOf } from '../../../src/stats/mean-interval.ts';
import { npsClass, npsInterval } from '../../../src/stats/nps-interval.ts';
import { wilsonInterval } from '../../../src/stats/proportion-interval.ts';

// Reference values: R's prop.test(x, n, correct = FALSE)$conf.int; the t interval by hand, 4.2 ∓
// qt(0.975, 4) × √(0.7 / 5) = 4.2 ∓ 2.776445 × 0.374166; the NPS interval by hand from
// Var = (pP + pD − (pP − pD)²) / n.
describe('Wilson interval', () => {
  it('matches R prop.test without continuity correction for 8 of 10', () => {
    const i = wilsonInterval(8, 10);
    expect(i.estimate).toBe(0.8);
    expect(i.lower).toBeCloseTo(0.4901625, 6);
    expect(i.upper).toBeCloseTo(0.9433178, 6);
  });

  it('stays inside [0, 1] where the Wald interval would not: 0 of 20', () => {
    const i = wilsonInterval(0, 20);
    expect(i.lower).toBe(0);
    expect(i.upper).toBeCloseTo(0.1611252, 6);
  });

  it('narrows as confidence drops', () => {
    const wide = wilsonInterval(30, 100, 0.99);
    const narrow = wilsonInterval(30, 100, 0.9);
    expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
  });
});

describe('NPS interval (multinomial, delta method)', () => {
  it('50 promoters, 30 passives, 20 detractors: NPS 30 ± 15.31', () => {
    const i = npsInterval({ promoters: 50, passives: 30, detractors: 20 });
    expect(i.estimate).toBeCloseTo(30, 10);
    // Var = (0.5 + 0.2 − 0.3²) / 100 = 0.0061; se = 7.8102 points; half-width 1.959964 × se
    expect(i.se).toBeCloseTo(7.81025, 4);
    expect(i.lower).toBeCloseTo(14.6922, 3);
    expect(i.upper).toBeCloseTo(45.3078, 3);
    expect(i.n).toBe(100);
  });

  it('is wider than the independent-proportions shortcut would make it when promoters and detractors balance', () => {
    // all promoters or detractors, half each: Var = (1 − 0) / n, the largest possible
    const i = npsInterval({ promoters: 20, passives: 0, detractors: 20 });
    expect(i.estimate).toBe(0);
    expect(i.se).toBeCloseTo(100 / Math.sqrt(40), 8);
  });

  it('clips to −100…100 and classes answers as the guides do', () => {
    const i = npsInterval({ promoters: 3, passives: 0, detractors: 0 });
    expect(i.estimate).toBe(100);
    expect(i.upper).toBe(100);
    expect([0, 6, 7, 8, 9, 10].map(npsClass)).toEqual(['detractors', 'detractors', 'passives', 'passives', 'promoters', 'promoters']);
  });
});

describe('mean interval (Student t)', () => {
  it('4, 5, 3, 5, 4: 4.2 ∓ 1.03885', () => {
    const i = meanInterval(momentsOf([4, 5, 3, 5, 4]));
    expect(i.estimate).toBeCloseTo(4.2, 10);
    expect(i.sd).toBeCloseTo(0.83666, 5);
    expect(i.lower).toBeCloseTo(3.16115, 5);
    expect(i.upper).toBeCloseTo(5.23885, 5);
  });

  it('clips to the scale when one is given', () => {
    const i = meanInterval(momentsOf([4, 5, 3, 5, 4]), 0.95, { min: 1, max: 5 });
    expect(i.upper).toBe(5);
    expect(i.lower).toBeCloseTo(3.16115, 5);
  });

  it('needs two values', () => {
    expect(() => meanInterval(momentsOf([4]))).toThrow(RangeError);
  });
});
