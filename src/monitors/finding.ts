import type { MonitorKind, MonitorMetric } from '../config/schema/monitors.ts';
import type { Window } from './windows.ts';

/** A slice inside the finding's scope that contributes most (a source or product inside a region). */
export interface Contributor {
  dimension: string;
  value: string;
  /** Negative mentions (or answers, for a score) in the window. */
  count: number;
  items: number;
  /** Count above what the scope's baseline rate predicts for this slice (scores: points it moves the score). */
  excess: number;
}

export interface Evidence {
  feedback_id: number;
  channel: string;
  source: string;
  region: string | null;
  product: string | null;
  evidence: string;
}

/**
 * What a monitor found. The keys of the `monitors check` line are fixed: monitor, metric, topic,
 * scope, window, value, baseline, p_value, n; the rest are additions.
 */
export interface Finding {
  monitor: string;
  metric: MonitorMetric;
  /** The topic for negative_rate and share; null for the others. */
  topic: string | null;
  scope: Record<string, string>;
  /** [from, to): `to` is the day after the window's last day. */
  window: Window;
  value: number;
  /** The same metric over the baseline windows (null where they hold nothing). */
  baseline: number | null;
  p_value: number | null;
  /** Items (scores: answers) behind `value`. */
  n: number;
  kind: MonitorKind;
  /** threshold / target: the value it is held to. */
  limit?: number | undefined;
  /** relative: value / baseline. */
  ratio?: number | null | undefined;
  /** Items (answers) behind the baseline. */
  baseline_n?: number | undefined;
  contributors: Contributor[];
  evidence: Evidence[];
}

/** The fixed line first, then the additions: what `monitors check --json` prints per finding. */
export function findingLine(f: Finding, extra: Record<string, unknown> = {}): string {
  const { monitor, metric, topic, scope, window, value, baseline, p_value, n, ...rest } = f;
  return JSON.stringify({ monitor, metric, topic, scope, window, value, baseline, p_value, n, ...rest, ...extra });
}
