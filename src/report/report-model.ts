import type { ReportPeriod } from '../domain/period.ts';
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
  /** The items the report covers (`--filter`); {} for all. */
  filter?: Partial<Record<string, string>>;
  /** `--by`: the pain points of each value of one dimension. */
  slices?: SliceBreakdown;
  /** Improvements and their verdicts (improvement_effect). */
  improvements?: ReportImprovement[];
}

export interface SliceBreakdown {
  dimension: string;
  /** Values by items in the period, most first; '' is items without a value. */
  values: { value: string; items: number; negativeItems: number; painPoints: PainPoint[] }[];
}

export interface SliceRow {
  value: string;
  topic: string;
  negative_mentions: number | string;
  previous_mentions: number | string;
  items: number | string;
  negative_items: number | string;
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

/** Each value's pain points, ranked like the report's, with per-item rates against its own items. */
export function slicesFrom(dimension: string, rows: readonly SliceRow[], labels: ReadonlyMap<string, string>): SliceBreakdown {
  const byValue = new Map<string, { items: number; negativeItems: number; topics: TopicRow[] }>();
  for (const r of rows) {
    let v = byValue.get(r.value);
    if (!v) byValue.set(r.value, (v = { items: 0, negativeItems: 0, topics: [] }));
    if (r.topic === '') {
      v.items += Number(r.items);
      v.negativeItems += Number(r.negative_items);
    } else if (Number(r.negative_mentions) > 0 || Number(r.previous_mentions) > 0) {
      v.topics.push({ topic: r.topic, negative_mentions: Number(r.negative_mentions), previous_mentions: Number(r.previous_mentions) });
    }
  }
  const values = [...byValue]
    .map(([value, v]) => ({ value, items: v.items, negativeItems: v.negativeItems, painPoints: painPointsFrom(v.topics, v.items, labels) }))
    .filter((v) => v.items > 0 || v.painPoints.length > 0)
    .sort((a, b) => b.items - a.items || a.value.localeCompare(b.value));
  return { dimension, values };
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
