import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/report/index.ts';
import { saveAnalyzedBatch, type AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';
import type { Aspect, Polarity } from '../../../src/nlp/types.ts';
import { useTestDatabase } from '../../support/services.ts';

let n = 0;
function item(day: string, label: Polarity, aspects: [string, Polarity][], region?: string): AnalyzedFeedback {
  n++;
  return {
    channel: 'review',
    source: 'shop',
    externalId: `i${n}`,
    contentHash: `h${n}`,
    text: `第${n}条`,
    postedAt: `${day}T12:00:00+08:00`,
    region,
    analysis: {
      sentiment: { label, score: label === 'negative' ? -0.5 : label === 'positive' ? 0.5 : 0 },
      aspects: aspects.map(([topic, polarity]) => ({ topic, polarity, evidence: topic }) as Aspect),
      alerts: [],
    },
  };
}

const items = [
  // the period: 2026-03-04 … 2026-03-10
  item('2026-03-05', 'negative', [['delivery.timeliness', 'negative']], '成都'),
  item('2026-03-05', 'neutral', [['delivery.timeliness', 'negative'], ['product.taste', 'positive']]),
  item('2026-03-05', 'negative', [['product.taste', 'negative']], '上海'),
  item('2026-03-09', 'negative', [['delivery.timeliness', 'negative'], ['delivery.timeliness', 'negative']]),
  item('2026-03-09', 'positive', []),
  // the 7 days before: 2026-02-25 … 2026-03-03
  item('2026-02-26', 'negative', [['delivery.timeliness', 'negative']]),
  item('2026-02-26', 'negative', [['delivery.timeliness', 'negative']]),
  item('2026-03-02', 'negative', [['product.price', 'negative']]),
  // before both
  item('2026-02-20', 'negative', [['delivery.timeliness', 'negative']]),
];

describe('analyst views and the report', () => {
  const db = useTestDatabase('report');
  beforeAll(async () => {
    await saveAnalyzedBatch(db.current.pool, items, { timeZone: 'Asia/Shanghai' });
  });

  it('pain_point_share gives each topic its share of the week\'s negative mentions', async () => {
    const { rows } = await db.current.pool.query(
      'SELECT iso_week, topic, negative_mentions, week_negative_mentions, share, week_items FROM pain_point_share ORDER BY week, topic',
    );
    expect(rows).toEqual([
      { iso_week: '2026-W08', topic: 'delivery.timeliness', negative_mentions: 1, week_negative_mentions: 1, share: 1, week_items: 1 },
      { iso_week: '2026-W09', topic: 'delivery.timeliness', negative_mentions: 2, week_negative_mentions: 2, share: 1, week_items: 2 },
      { iso_week: '2026-W10', topic: 'delivery.timeliness', negative_mentions: 2, week_negative_mentions: 4, share: 0.5, week_items: 4 },
      { iso_week: '2026-W10', topic: 'product.price', negative_mentions: 1, week_negative_mentions: 4, share: 0.25, week_items: 4 },
      { iso_week: '2026-W10', topic: 'product.taste', negative_mentions: 1, week_negative_mentions: 4, share: 0.25, week_items: 4 },
      { iso_week: '2026-W11', topic: 'delivery.timeliness', negative_mentions: 1, week_negative_mentions: 1, share: 1, week_items: 2 },
    ]);
  });

  it('pain_point_trend gives the daily series per topic and polarity', async () => {
    const { rows } = await db.current.pool.query("SELECT day, topic, polarity, mentions, items, per_item FROM pain_point_trend WHERE day = '2026-03-05' ORDER BY topic, polarity");
    expect(rows).toEqual([
      { day: '2026-03-05', topic: 'delivery.timeliness', polarity: 'negative', mentions: 2, items: 3, per_item: 0.6667 },
      { day: '2026-03-05', topic: 'product.taste', polarity: 'negative', mentions: 1, items: 3, per_item: 0.3333 },
      { day: '2026-03-05', topic: 'product.taste', polarity: 'positive', mentions: 1, items: 3, per_item: 0.3333 },
    ]);
  });

  it('pain_point_by_region puts mentions beside the region\'s items', async () => {
    const { rows } = await db.current.pool.query("SELECT region, topic, negative_mentions, region_items FROM pain_point_by_region WHERE week = '2026-03-02' ORDER BY region, topic");
    expect(rows).toEqual([
      { region: '', topic: 'delivery.timeliness', negative_mentions: 1, region_items: 2 },
      { region: '', topic: 'product.price', negative_mentions: 1, region_items: 2 },
      { region: '上海', topic: 'product.taste', negative_mentions: 1, region_items: 1 },
      { region: '成都', topic: 'delivery.timeliness', negative_mentions: 1, region_items: 1 },
    ]);
  });

  it('the report ranks pain points with share and change against the previous period', async () => {
    const report = await buildReport(db.current.pool, { since: '7d', timeZone: 'Asia/Shanghai', today: '2026-03-10', labels: new Map([['product.taste', '口感']]) });
    expect(report.period).toEqual({ since: '2026-03-04', until: '2026-03-11', days: 7, previousSince: '2026-02-25' });
    expect(report.totals).toEqual({ items: 5, negativeItems: 3, previousItems: 3, previousNegativeItems: 3 });
    expect(report.painPoints).toEqual([
      { topic: 'delivery.timeliness', label: undefined, negativeMentions: 3, share: 0.75, previousMentions: 2, change: 0.5, perItem: 0.6 },
      { topic: 'product.taste', label: '口感', negativeMentions: 1, share: 0.25, previousMentions: 0, change: null, perItem: 0.2 },
      { topic: 'product.price', label: undefined, negativeMentions: 0, share: 0, previousMentions: 1, change: -1, perItem: 0 },
    ]);
    expect(report.heatmap.weeks.map((w) => w.isoWeek)).toEqual(['2026-W10', '2026-W11']);
    expect(report.heatmap.topics).toEqual(['delivery.timeliness', 'product.taste', 'product.price']);
    expect(report.heatmap.share).toEqual([[0.5, 1], [0.25, 0], [0.25, 0]]);
  });

  it('an empty period reports nothing rather than failing', async () => {
    const report = await buildReport(db.current.pool, { since: '7d', timeZone: 'Asia/Shanghai', today: '2027-01-01' });
    expect(report.painPoints).toEqual([]);
    expect(report.totals.items).toBe(0);
    expect(report.heatmap.weeks).toEqual([]);
  });
});
