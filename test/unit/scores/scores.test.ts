import { describe, expect, it } from 'vitest';
import { drivers } from '../../../src/scores/drivers.ts';
import { SCORE_GROUP_KEYS, scoreGroups, weekOf, type ScoreDayRow } from '../../../src/scores/score-groups.ts';
import { emptyTally, type ScoreTally } from '../../../src/scores/score-tally.ts';
import { parseFilters, parseGroupBy } from '../../../src/scores/slice-filter.ts';

const settings = { scores: { minResponses: 30, confidence: 0.95 }, targets: { nps: 30, csat: 4.5, ces: 4 } };

function day(day: string, region: string, t: Partial<ScoreTally>): ScoreDayRow {
  return { day, channel: 'review', source: 's', region, segment: '', product: '', tally: { ...emptyTally(), ...t } };
}

describe('score groups', () => {
  it('weeks start on Monday', () => {
    expect(weekOf('2026-11-15')).toBe('2026-11-09');
    expect(weekOf('2026-11-16')).toBe('2026-11-16');
  });

  it('marks targets met or missed, with a p-value of the miss, and insufficient data below the minimum', () => {
    const rows = [
      day('2026-11-10', '华南', { promoters: 20, passives: 10, detractors: 20, csatN: 40, csatSum: 160, csatSumSquares: 680 }),
      day('2026-11-11', '华东', { promoters: 40, passives: 5, detractors: 5, csatN: 10, csatSum: 48, csatSumSquares: 232 }),
    ];
    const [east, south] = scoreGroups(rows, ['region'], settings);
    expect(south!.scores.nps).toMatchObject({ status: 'estimate', n: 50, value: 0, verdict: 'missed' });
    expect((south!.scores.nps as { p_missed: number }).p_missed).toBeLessThan(0.01);
    expect(east!.scores.nps).toMatchObject({ status: 'estimate', n: 50, value: 70, verdict: 'met' });
    expect(east!.scores.csat).toEqual({ status: 'insufficient data', n: 10, min: 30 });
    // 40 answers, mean 4, Σx² = 680 → sd = √((680 − 640) / 39) = 1.0127; missed
    expect(south!.scores.csat).toMatchObject({ status: 'estimate', n: 40, value: 4, verdict: 'missed' });
    const all = scoreGroups(rows, [], settings);
    expect(all).toHaveLength(1);
    expect(all[0]!.scores.nps).toMatchObject({ n: 100, value: 35, verdict: 'met' });
  });

  it('--by and --filter are checked', () => {
    expect(parseGroupBy(['week', 'region,product'], SCORE_GROUP_KEYS)).toEqual(['week', 'region', 'product']);
    expect(() => parseGroupBy(['city'], SCORE_GROUP_KEYS)).toThrow(/unknown "city"/);
    expect(parseFilters(['region=华南', 'product=毛肚'])).toEqual({ region: '华南', product: '毛肚' });
    expect(() => parseFilters(['region'])).toThrow(/not key=value/);
    expect(() => parseFilters(['city=广州'])).toThrow(/unknown key "city"/);
    expect(() => parseFilters(['region=华南', 'region=华北'])).toThrow(/filtered twice/);
  });
});

describe('drivers', () => {
  it('costs a topic w × (rest − its score) and sorts by cost', () => {
    const total = { ...emptyTally(), promoters: 60, passives: 20, detractors: 20 };
    const cold = { ...emptyTally(), promoters: 2, passives: 8, detractors: 10 }; // NPS −40 among 20
    const taste = { ...emptyTally(), promoters: 15, passives: 10, detractors: 5 }; // NPS 33 among 30
    const list = drivers('nps', total, new Map([['product.taste', taste], ['delivery.cold_chain', cold]]), { minResponses: 10, confidence: 0.95 });
    expect(list.map((d) => d.topic)).toEqual(['delivery.cold_chain', 'product.taste']);
    const c = list[0]!;
    if (c.status !== 'estimate') throw new Error('no estimate');
    // rest: 58 promoters, 12 passives, 10 detractors of 80 → 60; w = 0.2 → cost 0.2 × (60 + 40) = 20
    expect(c.rest).toBeCloseTo(60, 10);
    expect(c.cost).toBeCloseTo(20, 10);
    expect(c.lower).toBeGreaterThan(0);
    expect(c.upper).toBeGreaterThan(c.cost);
  });
});
