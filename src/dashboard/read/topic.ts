import type { Queryable } from '../../store/pool.ts';
import { sqlFolder } from '../../store/sql-files.ts';
import { addDays } from '../../domain/period.ts';
import { bucketOf, bucketsOf, type Grain } from '../calendar.ts';
import { EVIDENCE_PAGE_SIZE, type Polarity, type Slice } from '../slices.ts';
import { heatmapPeriod } from './heatmap.ts';

const sql = sqlFolder('dashboard');

export interface EvidenceRow {
  feedbackId: number;
  polarity: string;
  clause: string;
  channel: string;
  source: string;
  postedAt: Date | null;
  rating: number | null;
  url: string | null;
  region: string | null;
  product: string | null;
}

/** The dimensions a topic page breaks its mentions down by. */
export const BREAKDOWN_DIMENSIONS = ['region', 'source', 'product'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface TopicQuery {
  topic: string;
  today: string;
  grain: Grain;
  /** Evidence: only this polarity (null: every polarity). */
  polarity: Polarity | null;
  slice: Slice;
  /** Evidence days from … to, both included; default the trend's period. */
  from?: string | undefined;
  to?: string | undefined;
  contains?: string | undefined;
  page: number;
  timeZone: string;
}

export interface TopicModel {
  query: TopicQuery & { from: string; to: string };
  buckets: string[];
  /** Index of the first partial bucket (the one holding today); undefined when none is. */
  partialFrom: number | undefined;
  /** Mentions per bucket, by polarity. */
  trend: Record<'negative' | 'positive' | 'neutral', number[]>;
  breakdown: { dimension: BreakdownDimension; value: string; negative: number; positive: number }[];
  evidence: EvidenceRow[];
  total: number;
  pages: number;
}

export async function loadTopic(db: Queryable, q: TopicQuery): Promise<TopicModel> {
  const { since, until } = heatmapPeriod(q.today, q.grain);
  const from = q.from ?? since;
  const to = q.to ?? addDays(until, -1);
  const page = Math.max(1, q.page);
  const sliceValue = q.slice.dimension ? q.slice.value : null;
  const [trend, breakdown, evidence] = await Promise.all([
    db.query<{ bucket: string; polarity: string; mentions: string }>(sql('topic-trend'), [q.topic, since, until, q.grain, q.slice.dimension, sliceValue]),
    db.query<{ dimension: BreakdownDimension; value: string; polarity: string; mentions: string }>(sql('topic-breakdown'), [q.topic, since, until]),
    db.query(sql('evidence'), [q.topic, q.polarity, from, addDays(to, 1), q.timeZone, q.slice.dimension, sliceValue, q.contains || null, EVIDENCE_PAGE_SIZE, (page - 1) * EVIDENCE_PAGE_SIZE]),
  ]);
  const buckets = bucketsOf(since, until, q.grain);
  const series = { negative: buckets.map(() => 0), positive: buckets.map(() => 0), neutral: buckets.map(() => 0) };
  for (const r of trend.rows) {
    const i = buckets.indexOf(r.bucket);
    const s = series[r.polarity as keyof typeof series];
    if (i >= 0 && s) s[i]! += Number(r.mentions);
  }
  const byKey = new Map<string, TopicModel['breakdown'][number]>();
  for (const r of breakdown.rows) {
    const key = `${r.dimension}\u0000${r.value}`;
    const row = byKey.get(key) ?? { dimension: r.dimension, value: r.value, negative: 0, positive: 0 };
    if (r.polarity === 'negative') row.negative += Number(r.mentions);
    if (r.polarity === 'positive') row.positive += Number(r.mentions);
    byKey.set(key, row);
  }
  const total = Number(evidence.rows[0]?.total ?? 0);
  const partialAt = buckets.findIndex((b) => bucketOf(b, q.grain, since, until).partial && b >= addDays(until, q.grain === 'week' ? -7 : -1));
  return {
    query: { ...q, from, to, page },
    buckets,
    partialFrom: partialAt < 0 ? undefined : partialAt,
    trend: series,
    breakdown: [...byKey.values()].sort((a, b) => b.negative - a.negative || b.positive - a.positive),
    evidence: evidence.rows.map((r) => ({
      feedbackId: Number(r.feedback_id),
      polarity: r.polarity,
      clause: r.evidence,
      channel: r.channel,
      source: r.source,
      postedAt: r.posted_at,
      rating: r.rating,
      url: r.url,
      region: r.region,
      product: r.product,
    })),
    total,
    pages: Math.max(1, Math.ceil(total / EVIDENCE_PAGE_SIZE)),
  };
}
