import { SEVERITIES, type Severity } from '../../nlp/types.ts';
import type { Queryable } from '../../store/pool.ts';
import { listMetricAlerts, type MetricAlertRow } from '../../store/metric-alerts-repository.ts';
import { readScoreDays } from '../../scores/read-scores.ts';
import type { EstimateSettings, ScoreEstimate } from '../../scores/score-estimate.ts';
import { scoreGroups } from '../../scores/score-groups.ts';
import { sqlFolder } from '../../store/sql-files.ts';
import { addDays, parsePeriod, type ReportPeriod } from '../../domain/period.ts';
import { daysBetween } from '../calendar.ts';
import type { Polarity } from '../slices.ts';

const sql = sqlFolder('dashboard');

/** Sparklines: this many trailing 7-day windows, the last ending today (every window is whole). */
export const SPARK_WINDOWS = 8;

export interface TopicChange {
  topic: string;
  mentions: number;
  previous: number;
  /** Part of all mentions of the polarity in the period (0–1). */
  share: number;
  /** Mentions per 7-day window, oldest first (SPARK_WINDOWS of them). */
  spark: number[];
}

export interface TopicsSummary {
  period: ReportPeriod;
  negative: TopicChange[];
  positive: TopicChange[];
  /** The sparkline windows' last days, oldest first. */
  windows: string[];
}

export async function loadTopicsSummary(db: Queryable, today: string, since: string): Promise<TopicsSummary> {
  const period = parsePeriod(since, today);
  const sparkSince = addDays(period.until, -7 * SPARK_WINDOWS);
  const [totals, daily] = await Promise.all([
    db.query<{ topic: string; polarity: Polarity; mentions: string; previous_mentions: string }>(sql('topic-totals'), [period.since, period.until, period.previousSince]),
    db.query<{ topic: string; polarity: Polarity; day: string; mentions: string }>(sql('daily-by-topic'), [sparkSince, period.until, ['negative', 'positive']]),
  ]);
  const sparks = (polarity: Polarity) => {
    const out = new Map<string, number[]>();
    for (const r of daily.rows) {
      if (r.polarity !== polarity) continue;
      // Age 0 is today's day; window SPARK_WINDOWS - 1 holds today and the six days before it.
      const age = daysBetween(r.day, period.until) - 1;
      const index = SPARK_WINDOWS - 1 - Math.floor(age / 7);
      const series = out.get(r.topic) ?? new Array<number>(SPARK_WINDOWS).fill(0);
      if (index >= 0 && index < SPARK_WINDOWS) series[index]! += Number(r.mentions);
      out.set(r.topic, series);
    }
    return out;
  };
  const summarize = (polarity: Polarity, spark: Map<string, number[]>): TopicChange[] => {
    const rows = totals.rows.filter((r) => r.polarity === polarity && (Number(r.mentions) > 0 || Number(r.previous_mentions) > 0));
    const all = rows.reduce((n, r) => n + Number(r.mentions), 0);
    return rows
      .map((r) => ({
        topic: r.topic,
        mentions: Number(r.mentions),
        previous: Number(r.previous_mentions),
        share: all > 0 ? Number(r.mentions) / all : 0,
        spark: spark.get(r.topic) ?? new Array<number>(SPARK_WINDOWS).fill(0),
      }))
      .sort((a, b) => b.mentions - a.mentions || b.previous - a.previous || a.topic.localeCompare(b.topic));
  };
  const windows = Array.from({ length: SPARK_WINDOWS }, (_, i) => addDays(period.until, -7 * (SPARK_WINDOWS - 1 - i) - 1));
  return { period, negative: summarize('negative', sparks('negative')), positive: summarize('positive', sparks('positive')), windows };
}

export interface OpenCases {
  severity: string;
  open: number;
  overdue: number;
  unacknowledged: number;
}

export async function loadOpenCases(db: Queryable): Promise<OpenCases[]> {
  const { rows } = await db.query<OpenCases>(sql('open-cases'));
  // Most urgent first: the reverse of the one severity list, which runs from low up.
  return rows.sort((a, b) => SEVERITIES.indexOf(b.severity as Severity) - SEVERITIES.indexOf(a.severity as Severity));
}

/** The period's NPS, CSAT and CES over everything, as `painpoint scores` (no --by) computes them. */
export interface ScoreTiles {
  period: ReportPeriod;
  nps: ScoreEstimate;
  csat: ScoreEstimate;
  ces: ScoreEstimate;
  minResponses: number;
  confidence: number;
  /** Whether any survey answer falls in the period (the section shows only then). */
  answered: boolean;
}

export async function loadScoreTiles(db: Queryable, today: string, since: string, settings: EstimateSettings): Promise<ScoreTiles> {
  const period = parsePeriod(since, today);
  const rows = await readScoreDays(db, period.since, period.until);
  const { nps, csat, ces } = scoreGroups(rows, [], settings)[0]!.scores;
  return { period, nps, csat, ces, minResponses: settings.scores.minResponses, confidence: settings.scores.confidence, answered: [nps, csat, ces].some((e) => e.n > 0) };
}

/** Findings the overview shows at most, and how many of the latest it looks through. */
export const FIRED_MONITORS_SHOWN = 20;
const FIRED_MONITORS_READ = 200;

/** The monitors' findings whose window overlaps the overview's period, newest first. */
export async function loadFiredMonitors(db: Queryable, today: string, since: string): Promise<MetricAlertRow[]> {
  const period = parsePeriod(since, today);
  const latest = await listMetricAlerts(db, FIRED_MONITORS_READ);
  return latest.filter((a) => a.windowTo > period.since && a.windowFrom < period.until).slice(0, FIRED_MONITORS_SHOWN);
}
