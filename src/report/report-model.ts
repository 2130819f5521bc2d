import type { HeatmapModel } from '../dashboard/read/heatmap.ts';
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
  /** Negative mentions, topics × the ISO weeks the period overlaps: the dashboard's heatmap model, drawn by its view. */
  heatmap: HeatmapModel;
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

export interface TopicRow {
  topic: string;
  negative_mentions: number;
  previous_mentions: number;
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
