import { DIMENSIONS, filterParams, type Dimension, type SliceFilter } from '../scores/slice-filter.ts';
import { readScoreDays } from '../scores/read-scores.ts';
import type { ScoreDayRow } from '../scores/score-groups.ts';
import type { Queryable } from '../store/pool.ts';
import { sqlFolder } from '../store/sql-files.ts';
import type { Evidence } from './finding.ts';

const sql = sqlFolder('monitors');

export type SliceValues = Record<Dimension, string>;

export interface ItemDayRow extends SliceValues {
  day: string;
  items: number;
}

export interface MentionDayRow extends SliceValues {
  day: string;
  topic: string;
  mentions: number;
}

/** What a monitor reads for a range of days: items, negative mentions and survey answers per slice. */
export interface SliceData {
  items: ItemDayRow[];
  mentions: MentionDayRow[];
  scores: ScoreDayRow[];
}

function dims(r: Record<string, unknown>): SliceValues {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, String(r[d] ?? '')])) as SliceValues;
}

export async function readSliceData(db: Queryable, from: string, to: string, filter: SliceFilter, need: { counts: boolean; scores: boolean }): Promise<SliceData> {
  const params = [from, to, ...filterParams(filter)];
  const [items, mentions, scores] = await Promise.all([
    need.counts ? db.query(sql('items'), params) : undefined,
    need.counts ? db.query(sql('mentions'), params) : undefined,
    need.scores ? readScoreDays(db, from, to, filter) : undefined,
  ]);
  return {
    items: (items?.rows ?? []).map((r: Record<string, unknown>) => ({ ...dims(r), day: String(r.day), items: Number(r.items) })),
    mentions: (mentions?.rows ?? []).map((r: Record<string, unknown>) => ({ ...dims(r), day: String(r.day), topic: String(r.topic), mentions: Number(r.mentions) })),
    scores: scores ?? [],
  };
}

/** Evidence clauses of a finding: its topic's most negative clauses, or the lowest-scored items' words. */
export async function readEvidence(db: Queryable, from: string, to: string, slice: SliceFilter, what: { topic?: string | null; score?: string | null }, limit: number): Promise<Evidence[]> {
  if (limit <= 0) return [];
  const { rows } = await db.query(sql('evidence'), [from, to, ...filterParams(slice), what.topic ?? null, what.score ?? null, limit]);
  return rows.map((r: Record<string, unknown>) => ({
    feedback_id: Number(r.feedback_id),
    channel: String(r.channel),
    source: String(r.source),
    region: (r.region as string | null) ?? null,
    product: (r.product as string | null) ?? null,
    evidence: String(r.evidence),
  }));
}
