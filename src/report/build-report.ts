import type pg from 'pg';
import { filterParams, type Dimension, type SliceFilter } from '../scores/slice-filter.ts';
import { sqlFolder } from '../store/sql-files.ts';
import { reportImprovements } from './improvements-section.ts';
import { parsePeriod, todayIn } from '../domain/period.ts';
import { heatmapFrom, painPointsFrom, slicesFrom, type HeatmapRow, type PainPointReport, type SliceRow, type TopicRow } from './report-model.ts';

const sql = sqlFolder('report');

export interface ReportOptions {
  /** `30d`, `8w` or a date. */
  since: string;
  /** Zone of the tallies' days (config `pipeline.timeZone`). */
  timeZone: string;
  /** Topic id → label (from the taxonomy). */
  labels?: ReadonlyMap<string, string>;
  /** Override of today (tests, replays). */
  today?: string;
  /** Only items with these values (`--filter region=华南`). */
  filter?: SliceFilter;
  /** Also break the pain points down by this dimension (`--by region`). */
  by?: Dimension | undefined;
}

/** Reads the tallies for the period and the one before it, and the heatmap weeks. */
export async function buildReport(pool: Pick<pg.Pool, 'query'>, options: ReportOptions): Promise<PainPointReport> {
  const period = parsePeriod(options.since, options.today ?? todayIn(options.timeZone));
  const filter = filterParams(options.filter ?? {});
  const args = [period.since, period.until, period.previousSince, ...filter];
  const [topics, totals, heat, slices, improvements] = await Promise.all([
    pool.query<TopicRow>(sql('topics'), args),
    pool.query<{ items: string; negative_items: string; previous_items: string; previous_negative_items: string }>(sql('totals'), args),
    pool.query<HeatmapRow>(sql('heatmap'), [period.since, period.until, ...filter]),
    options.by ? pool.query<SliceRow>(sql('slices'), [...args, options.by]) : undefined,
    reportImprovements(pool),
  ]);
  const t = totals.rows[0];
  const items = Number(t?.items ?? 0);
  const painPoints = painPointsFrom(
    topics.rows.filter((r) => Number(r.negative_mentions) > 0 || Number(r.previous_mentions) > 0),
    items,
    options.labels ?? new Map(),
  );
  return {
    period,
    totals: {
      items,
      negativeItems: Number(t?.negative_items ?? 0),
      previousItems: Number(t?.previous_items ?? 0),
      previousNegativeItems: Number(t?.previous_negative_items ?? 0),
    },
    painPoints,
    heatmap: heatmapFrom(heat.rows, painPoints.map((p) => p.topic)),
    filter: options.filter ?? {},
    ...(options.by && slices ? { slices: slicesFrom(options.by, slices.rows, options.labels ?? new Map()) } : {}),
    improvements,
  };
}
