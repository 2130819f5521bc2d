import { mondayOf } from '../domain/period.ts';
import { DIMENSIONS, type Dimension } from './slice-filter.ts';
import { addTally, emptyTally, tallyFromRow, type ScoreTally } from './score-tally.ts';
import { estimateScores, type EstimateSettings, type ScoreEstimate, type ScoreName } from './score-estimate.ts';

export const SCORE_GROUP_KEYS = ['week', ...DIMENSIONS] as const;
export type ScoreGroupKey = (typeof SCORE_GROUP_KEYS)[number];

/** A day's answers in one slice, as scores/daily.sql returns them. */
export interface ScoreDayRow extends Record<Dimension, string> {
  day: string;
  tally: ScoreTally;
}

export interface ScoreGroup {
  /** The group's values of the `--by` keys ({} for everything). */
  key: Partial<Record<ScoreGroupKey, string>>;
  scores: Record<ScoreName, ScoreEstimate>;
}

export function scoreDayRow(r: Record<string, unknown>): ScoreDayRow {
  return {
    day: String(r.day),
    channel: String(r.channel),
    source: String(r.source),
    region: String(r.region ?? ''),
    segment: String(r.segment ?? ''),
    product: String(r.product ?? ''),
    tally: tallyFromRow(r),
  };
}

/** Monday of a date's ISO week (YYYY-MM-DD; the dates are already in the pipeline's zone). */
export const weekOf = mondayOf;

/** Groups the rows by the keys and estimates each group's scores; groups in key order. */
export function scoreGroups(rows: readonly ScoreDayRow[], by: readonly ScoreGroupKey[], settings: EstimateSettings): ScoreGroup[] {
  const groups = new Map<string, { key: ScoreGroup['key']; tally: ScoreTally }>();
  for (const r of rows) {
    const key: ScoreGroup['key'] = {};
    for (const k of by) key[k] = k === 'week' ? mondayOf(r.day) : r[k];
    const id = JSON.stringify(by.map((k) => key[k]));
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, tally: emptyTally() }));
    addTally(g.tally, r.tally);
  }
  if (groups.size === 0 && by.length === 0) groups.set('[]', { key: {}, tally: emptyTally() });
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({ key: g.key, scores: estimateScores(g.tally, settings) }));
}
