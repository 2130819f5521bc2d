import { beforeAll, describe, expect, it } from 'vitest';
import type { Aspect } from '../../../src/nlp/types.ts';
import { buildReport, formatHtml, formatTable } from '../../../src/report/index.ts';
import { drivers } from '../../../src/scores/drivers.ts';
import { readDriverTallies, readScoreDays } from '../../../src/scores/read-scores.ts';
import { scoreGroups } from '../../../src/scores/score-groups.ts';
import { saveAnalyzedBatch, type AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';
import { useTestDatabase } from '../../support/services.ts';

let n = 0;
function answer(day: string, region: string, product: string | undefined, nps: number | undefined, csat: number | undefined, complaint?: string): AnalyzedFeedback {
  n++;
  return {
    channel: 'review',
    source: 'survey',
    externalId: `s${n}`,
    contentHash: `s${n}`,
    text: complaint ? `${complaint}不好` : '很好',
    postedAt: `${day}T10:00:00+08:00`,
    region,
    segment: n % 2 ? 'VIP' : 'new',
    product,
    nps,
    csat,
    analysis: {
      sentiment: { label: complaint ? 'negative' : 'positive', score: complaint ? -0.5 : 0.5 },
      aspects: complaint ? [{ topic: complaint, polarity: 'negative', evidence: `${complaint}不好` } as Aspect] : [],
      alerts: [],
    },
  };
}

// Week of 2026-11-09 (Monday), 华南, 毛肚: NPS answers 10, 9, 9, 8, 7, 6, 3, 0 → 3 promoters, 2 passives,
// 3 detractors: NPS = 100 × (3 − 3) / 8 = 0. CSAT 5, 4, 4, 2 → mean 3.75, satisfied 3 / 4 = 75 %.
const items = [
  answer('2026-11-09', '华南', '毛肚', 10, 5),
  answer('2026-11-10', '华南', '毛肚', 9, 4),
  answer('2026-11-11', '华南', '毛肚', 9, 4),
  answer('2026-11-12', '华南', '毛肚', 8, 2, 'delivery.cold_chain'),
  answer('2026-11-13', '华南', '毛肚', 7, undefined),
  answer('2026-11-14', '华南', '毛肚', 6, undefined, 'delivery.cold_chain'),
  answer('2026-11-15', '华南', '毛肚', 3, undefined, 'delivery.cold_chain'),
  answer('2026-11-15', '华南', '毛肚', 0, undefined, 'product.packaging'),
  // same week, another product; and the next week (2026-11-16 is a Monday)
  answer('2026-11-12', '华南', '鸭血', 10, 5),
  answer('2026-11-16', '华东', undefined, 2, 1, 'delivery.timeliness'),
];

describe('experience scores and slices in Postgres', () => {
  const db = useTestDatabase('scores');
  beforeAll(async () => {
    await saveAnalyzedBatch(db.current.pool, items, { timeZone: 'Asia/Shanghai' });
  });

  it('experience_scores gives NPS and CSAT per week, region and product equal to the hand computation', async () => {
    const { rows } = await db.current.pool.query(
      `SELECT week::text, region, product, sum(nps_responses)::int AS nps_responses, sum(promoters)::int AS promoters, sum(passives)::int AS passives,
              sum(detractors)::int AS detractors, round(100.0 * (sum(promoters) - sum(detractors)) / sum(nps_responses), 2)::float8 AS nps,
              sum(csat_responses)::int AS csat_responses, round(sum(csat_mean * csat_responses) / nullif(sum(csat_responses), 0), 4)::float8 AS csat_mean
         FROM experience_scores WHERE week = '2026-11-09' AND product = '毛肚' GROUP BY 1, 2, 3`,
    );
    expect(rows).toEqual([{ week: '2026-11-09', region: '华南', product: '毛肚', nps_responses: 8, promoters: 3, passives: 2, detractors: 3, nps: 0, csat_responses: 4, csat_mean: 3.75 }]);
    // one row per week, channel, source, region, segment and product: the VIP answers alone
    const vip = await db.current.pool.query(`SELECT nps_responses, promoters, detractors, nps::float8, csat_satisfied_pct::float8 FROM experience_scores WHERE week = '2026-11-09' AND product = '毛肚' AND segment = 'VIP'`);
    // items 1, 3, 5, 7 (n odd): NPS answers 10, 9, 7, 3 → 2 promoters, 1 detractor: 25; CSAT 5, 4 → 100 %
    expect(vip.rows).toEqual([{ nps_responses: 4, promoters: 2, detractors: 1, nps: 25, csat_satisfied_pct: 100 }]);
  });

  it('painpoint scores groups the same answers with intervals, and says insufficient data below the minimum', async () => {
    const rows = await readScoreDays(db.current.pool, '2026-11-09', '2026-11-23', { region: '华南' });
    const settings = { scores: { minResponses: 5, confidence: 0.95 }, targets: { nps: 30, csat: 4.5, ces: 4 } };
    const [maodu, yaxue] = scoreGroups(rows, ['product'], settings);
    expect(maodu!.key).toEqual({ product: '毛肚' });
    expect(maodu!.scores.nps).toMatchObject({ status: 'estimate', n: 8, value: 0, verdict: 'missed', target: 30 });
    // se = 100 × √((3/8 + 3/8 − 0) / 8) = 30.619; half-width 1.96 × se
    expect((maodu!.scores.nps as { upper: number }).upper).toBeCloseTo(1.959964 * 30.6186, 2);
    expect(maodu!.scores.csat).toEqual({ status: 'insufficient data', n: 4, min: 5 });
    expect(yaxue!.scores.nps).toEqual({ status: 'insufficient data', n: 1, min: 5 });
  });

  it('drivers: cold-chain complainers answer lower than the rest and cost the NPS points', async () => {
    const { total, byTopic } = await readDriverTallies(db.current.pool, '2026-11-09', '2026-11-16');
    expect(byTopic.get('delivery.cold_chain')).toMatchObject({ promoters: 0, passives: 1, detractors: 2 });
    const list = drivers('nps', total, byTopic, { minResponses: 3, confidence: 0.95 });
    const cold = list.find((d) => d.topic === 'delivery.cold_chain')!;
    // complainers: 8, 6, 3 → NPS −66.7; the other six: 10, 9, 9, 7, 0, 10 → (4 − 1) / 6 = 50; w = 3 / 9
    expect(cold).toMatchObject({ status: 'estimate', n: 3, restN: 6 });
    if (cold.status !== 'estimate') throw new Error('no estimate');
    expect(cold.score).toBeCloseTo(-66.667, 2);
    expect(cold.rest).toBeCloseTo(50, 8);
    expect(cold.cost).toBeCloseTo((3 / 9) * (50 + 66.667), 2);
    expect(cold.lower).toBeLessThan(cold.cost);
    expect(list.find((d) => d.topic === 'product.packaging')).toMatchObject({ status: 'insufficient data', n: 1 });
  });

  it('product is a dimension of the tallies: pain_point_by_product, pain_point_by_segment and report --by/--filter', async () => {
    const byProduct = await db.current.pool.query(`SELECT product, topic, negative_mentions::int, product_items::int FROM pain_point_by_product WHERE week = '2026-11-09' ORDER BY 1, 2`);
    expect(byProduct.rows).toEqual([
      { product: '毛肚', topic: 'delivery.cold_chain', negative_mentions: 3, product_items: 8 },
      { product: '毛肚', topic: 'product.packaging', negative_mentions: 1, product_items: 8 },
    ]);
    const bySegment = await db.current.pool.query(`SELECT segment, topic, negative_mentions::int, segment_items::int FROM pain_point_by_segment WHERE week = '2026-11-09' ORDER BY 1, 2`);
    expect(bySegment.rows).toEqual([
      { segment: 'VIP', topic: 'delivery.cold_chain', negative_mentions: 1, segment_items: 5 },
      { segment: 'new', topic: 'delivery.cold_chain', negative_mentions: 2, segment_items: 4 },
      { segment: 'new', topic: 'product.packaging', negative_mentions: 1, segment_items: 4 },
    ]);
    const report = await buildReport(db.current.pool, { since: '2026-11-09', today: '2026-11-22', timeZone: 'Asia/Shanghai', by: 'product', filter: { region: '华南' } });
    expect(report.totals.items).toBe(9);
    expect(report.painPoints.map((p) => [p.topic, p.negativeMentions])).toEqual([['delivery.cold_chain', 3], ['product.packaging', 1]]);
    expect(report.slices!.values.map((v) => [v.value, v.items, v.painPoints.map((p) => p.topic)])).toEqual([
      ['毛肚', 8, ['delivery.cold_chain', 'product.packaging']],
      ['鸭血', 1, []],
    ]);
    expect(report.heatmap.topics).toEqual(['delivery.cold_chain', 'product.packaging']);
    const text = formatTable(report, 10);
    expect(text).toContain('only region=华南');
    expect(text).toMatch(/By product[^\n]*\n\n[^\n]*\n[^\n]*\n毛肚 +8 +4 +delivery\.cold_chain +3 +37\.5%/);
    const html = formatHtml(report, 10);
    expect(html).toContain('By product');
    expect(html).toContain('Only region=华南.');
  });
});
