import type { ReportPeriod } from './period.ts';
import type { ReportImprovement } from './improvements-section.ts';

/** The pain-point report: what `painpoint report` prints as a table, JSON or HTML. */
export interface PainPointReport {
  period: ReportPeriod;
  totals: {
    items: number;
    negativeItems: number;
    previousItems: number;
    previousNegativeItems: number;
  };
  /** Topics by negative mentions in the period, most first. */
  painPoints: PainPoint[];
  heatmap: Heatmap;
  /** Improvements and their verdicts (improvement_effect). */
  improvements?: ReportImprovement[];
}

export interface PainPoint {
  topic: string;
  label: string | undefined;
  negativeMentions: number;
  /** This topic's part of all negative mentions in the period (0–1). */
  share: number;
  previousMentions: number;
  /** (now − before) / before; null when there were none before. */
  change: number | null;
  /** Negative mentions per item in the period. */
  perItem: number | null;
}

export interface Heatmap {
  /** ISO weeks, oldest first: Monday's date and its label (2026-W10). */
  weeks: { week: string; isoWeek: string }[];
  topics: string[];
  /** share[topicIndex][weekIndex]: the topic's share of that week's negative mentions (0 where none). */
  share: number[][];
  mentions: number[][];
}

export interface TopicRow {
  topic: string;
  negative_mentions: number;
  previous_mentions: number;
}

export interface HeatmapRow {
  week: string;
  iso_week: string;
  topic: string;
  negative_mentions: number;
  share: number | null;
}

/** Shares and changes from the raw counts (pure: tested without a database). */
export function painPointsFrom(rows: readonly TopicRow[], items: number, labels: ReadonlyMap<string, string>): PainPoint[] {
  const total = rows.reduce((n, r) => n + Number(r.negative_mentions), 0);
  return rows
    .map((r) => {
      const now = Number(r.negative_mentions);
      const before = Number(r.previous_mentions);
      return {
        topic: r.topic,
        label: labels.get(r.topic),
        negativeMentions: now,
        share: total > 0 ? now / total : 0,
        previousMentions: before,
        change: before > 0 ? (now - before) / before : null,
        perItem: items > 0 ? now / items : null,
      };
    })
    .sort((a, b) => b.negativeMentions - a.negativeMentions || b.previousMentions - a.previousMentions || a.topic.localeCompare(b.topic));
}

/** The topics × weeks grid; topics in the order given (the report's ranking), then any others. */
export function heatmapFrom(rows: readonly HeatmapRow[], topicOrder: readonly string[]): Heatmap {
  const weeks = [...new Map(rows.map((r) => [r.week, { week: r.week, isoWeek: r.iso_week }])).values()].sort((a, b) => a.week.localeCompare(b.week));
  const present = new Set(rows.map((r) => r.topic));
  const topics = [...topicOrder.filter((t) => present.has(t)), ...[...present].filter((t) => !topicOrder.includes(t)).sort()];
  const weekIndex = new Map(weeks.map((w, i) => [w.week, i]));
  const topicIndex = new Map(topics.map((t, i) => [t, i]));
  const share = topics.map(() => weeks.map(() => 0));
  const mentions = topics.map(() => weeks.map(() => 0));
  for (const r of rows) {
    const t = topicIndex.get(r.topic)!;
    const w = weekIndex.get(r.week)!;
    share[t]![w] = Number(r.share ?? 0);
    mentions[t]![w] = Number(r.negative_mentions);
  }
  return { weeks, topics, share, mentions };
}
