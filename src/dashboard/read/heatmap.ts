import type { Queryable } from '../../store/pool.ts';
import { sqlFolder } from '../../store/sql-files.ts';
import { addDays, mondayOf } from '../../domain/period.ts';
import { bucketOf, bucketsOf, isoWeek, type Grain } from '../calendar.ts';
import { DEFAULT_DAYS, DEFAULT_WEEKS, type Polarity, type Slice } from '../slices.ts';

const sql = sqlFolder('dashboard');

export interface HeatmapBucket {
  start: string;
  /** Exclusive. */
  end: string;
  label: string;
  /** The period covers only part of it (the current week or today): not coloured like a full one. */
  partial: boolean;
  /** Mentions of the polarity in the bucket, all topics: the n behind each share. */
  total: number;
}

/** Topics × buckets of one polarity: what the heatmap page and the report draw. */
export interface HeatmapModel {
  polarity: Polarity;
  grain: Grain;
  slice: Slice;
  /** Values of the slice's dimension with their items (empty without a dimension). */
  sliceValues: { value: string; items: number }[];
  since: string;
  until: string;
  buckets: HeatmapBucket[];
  /** Most mentions first. */
  topics: string[];
  mentions: number[][];
  /** mentions / the bucket's total; null where the bucket has none. */
  share: (number | null)[][];
}

export interface HeatmapQuery {
  today: string;
  polarity: Polarity;
  grain: Grain;
  slice: Slice;
  /** Buckets back from today, today's included. */
  span?: number | undefined;
}

/** The period of a heatmap: whole weeks (Monday first) or days, ending with today's. */
export function heatmapPeriod(today: string, grain: Grain, span?: number): { since: string; until: string } {
  const n = span ?? (grain === 'week' ? DEFAULT_WEEKS : DEFAULT_DAYS);
  const until = addDays(today, 1);
  return { since: grain === 'week' ? addDays(mondayOf(today), -7 * (n - 1)) : addDays(until, -n), until };
}

export async function loadHeatmap(db: Queryable, q: HeatmapQuery): Promise<HeatmapModel> {
  const { since, until } = heatmapPeriod(q.today, q.grain, q.span);
  const [cells, values] = await Promise.all([
    db.query<{ bucket: string; topic: string; mentions: string }>(sql('heatmap'), [since, until, q.polarity, q.grain, q.slice.dimension, q.slice.dimension ? q.slice.value : null]),
    q.slice.dimension ? db.query<{ value: string; items: string }>(sql('slice-values'), [since, until, q.slice.dimension]) : Promise.resolve({ rows: [] }),
  ]);
  return {
    ...heatmapFromCells(
      cells.rows.map((r) => ({ bucket: r.bucket, topic: r.topic, mentions: Number(r.mentions) })),
      { since, until, grain: q.grain },
    ),
    polarity: q.polarity,
    slice: q.slice,
    sliceValues: values.rows.map((r) => ({ value: r.value ?? '', items: Number(r.items) })),
  };
}

/** The grid from (bucket, topic, mentions) cells; pure, shared with the written report. */
export function heatmapFromCells(
  cells: readonly { bucket: string; topic: string; mentions: number }[],
  period: { since: string; until: string; grain: Grain },
): Pick<HeatmapModel, 'grain' | 'since' | 'until' | 'buckets' | 'topics' | 'mentions' | 'share'> {
  const starts = bucketsOf(period.since, period.until, period.grain);
  for (const c of cells) if (!starts.includes(c.bucket)) starts.push(c.bucket);
  starts.sort();
  const byTopic = new Map<string, number>();
  for (const c of cells) byTopic.set(c.topic, (byTopic.get(c.topic) ?? 0) + c.mentions);
  const topics = [...byTopic.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  const ti = new Map(topics.map((t, i) => [t, i]));
  const bi = new Map(starts.map((b, i) => [b, i]));
  const mentions = topics.map(() => starts.map(() => 0));
  for (const c of cells) mentions[ti.get(c.topic)!]![bi.get(c.bucket)!]! += c.mentions;
  const totals = starts.map((_, b) => topics.reduce((n, _t, t) => n + mentions[t]![b]!, 0));
  const buckets = starts.map((start, b) => {
    const { end, partial } = bucketOf(start, period.grain, period.since, period.until);
    return { start, end, partial, total: totals[b]!, label: period.grain === 'week' ? `${isoWeek(start).slice(5)} ${start.slice(5)}` : start.slice(5) };
  });
  const share = mentions.map((row) => row.map((m, b) => (totals[b]! > 0 ? m / totals[b]! : null)));
  return { grain: period.grain, since: period.since, until: period.until, buckets, topics, mentions, share };
}
