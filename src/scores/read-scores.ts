import type { Queryable } from '../store/pool.ts';
import { sqlFolder } from '../store/sql-files.ts';
import { scoreDayRow, type ScoreDayRow } from './score-groups.ts';
import { tallyFromRow, type ScoreTally } from './score-tally.ts';
import { filterParams, type SliceFilter } from './slice-filter.ts';

const sql = sqlFolder('scores');

/** Survey answers per day and slice in [since, until): what `scores`, the dashboard and monitors read. */
export async function readScoreDays(db: Queryable, since: string, until: string, filter: SliceFilter = {}): Promise<ScoreDayRow[]> {
  const { rows } = await db.query(sql('daily'), [since, until, ...filterParams(filter)]);
  return rows.map(scoreDayRow);
}

/** Answers among the items complaining of each topic, and of all answered items. */
export async function readDriverTallies(db: Queryable, since: string, until: string, filter: SliceFilter = {}): Promise<{ total: ScoreTally; byTopic: Map<string, ScoreTally> }> {
  const { rows } = await db.query(sql('drivers'), [since, until, ...filterParams(filter)]);
  const byTopic = new Map<string, ScoreTally>();
  let total: ScoreTally | undefined;
  for (const r of rows as Record<string, unknown>[]) {
    if (r.topic === '') total = tallyFromRow(r);
    else byTopic.set(String(r.topic), tallyFromRow(r));
  }
  return { total: total ?? tallyFromRow({}), byTopic };
}
