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

type SliceCounts = Pick<SliceData, 'items' | 'mentions'>;

async function readCounts(db: Queryable, params: (string | null)[]): Promise<SliceCounts> {
  const [items, mentions] = await Promise.all([db.query(sql('items'), params), db.query(sql('mentions'), params)]);
  return {
    items: items.rows.map((r: Record<string, unknown>) => ({ ...dims(r), day: String(r.day), items: Number(r.items) })),
    mentions: mentions.rows.map((r: Record<string, unknown>) => ({ ...dims(r), day: String(r.day), topic: String(r.topic), mentions: Number(r.mentions) })),
  };
}

export type SliceDataReader = (from: string, to: string, filter: SliceFilter, need: { counts: boolean; scores: boolean }) => Promise<SliceData>;

/**
 * Reads a range of days' slice data, each part (counts, scores) once per range and filter: monitors
 * over the same weeks (the default ones share theirs) read it once. The rows are shared, so readers
 * must not change them. One reader serves one check, so the next check sees new rows.
 */
export function sliceDataReader(db: Queryable): SliceDataReader {
  const counts = new Map<string, Promise<SliceCounts>>();
  const scores = new Map<string, Promise<ScoreDayRow[]>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
    let p = cache.get(key);
    if (!p) cache.set(key, (p = read()));
    return p;
  };
  return async (from, to, filter, need) => {
    const params = [from, to, ...filterParams(filter)];
    const key = JSON.stringify(params);
    const [c, s] = await Promise.all([
      need.counts ? once(counts, key, () => readCounts(db, params)) : undefined,
      need.scores ? once(scores, key, () => readScoreDays(db, from, to, filter)) : undefined,
    ]);
    return { items: c?.items ?? [], mentions: c?.mentions ?? [], scores: s ?? [] };
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
