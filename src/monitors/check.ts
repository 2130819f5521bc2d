import type { Config } from '../config/index.ts';
import type { MonitorConfig } from '../config/schema/monitors.ts';
import type { SliceFilter } from '../scores/slice-filter.ts';
import { monitorRuns } from '../metrics/registry.ts';
import type { Queryable } from '../store/pool.ts';
import { saveMetricAlert } from '../store/metric-alerts-repository.ts';
import { contributors } from './contributors.ts';
import { evaluateMonitor, isScoreMetric, type EvaluationWindows } from './evaluate.ts';
import type { Finding } from './finding.ts';
import { readEvidence, sliceDataReader } from './slice-rows.ts';
import { lastCompleteWindow, windowsBefore } from './windows.ts';

export interface CheckedFinding {
  finding: Finding;
  /** Its metric_alerts id when this check recorded it; undefined when it was recorded before. */
  newId: number | undefined;
}

export interface CheckOptions {
  /** Evaluate the last complete window before this instant (default now). */
  at?: Date;
  /** Record findings in metric_alerts (default true); false only evaluates. */
  record?: boolean;
}

/** The window a monitor evaluates at `at`, with its baseline windows before it. */
export function monitorWindows(m: MonitorConfig, at: Date, timeZone: string): EvaluationWindows {
  const current = lastCompleteWindow(at, m.window, timeZone);
  return { current, baseline: windowsBefore(current, m.window, m.baseline) };
}

/**
 * Evaluates every enabled monitor on its last complete window before `at`, adds each finding's
 * contributing slices and evidence, and records it (once per monitor, topic, scope and window).
 * Sending is the caller's (dispatchMetricAlert), so evaluation stays free of queues.
 */
export async function checkMonitors(db: Queryable, config: Readonly<Config>, monitors: readonly MonitorConfig[], options: CheckOptions = {}): Promise<CheckedFinding[]> {
  const at = options.at ?? new Date();
  const readSliceData = sliceDataReader(db);
  const out: CheckedFinding[] = [];
  for (const m of monitors) {
    if (!m.enabled) continue;
    const before = out.length;
    try {
      const windows = monitorWindows(m, at, config.pipeline.timeZone);
      const from = windows.baseline[0]?.from ?? windows.current.from;
      const scores = isScoreMetric(m.metric);
      const data = await readSliceData(from, windows.current.to, m.filter, { counts: !scores, scores });
      for (const f of evaluateMonitor(m, data, windows)) {
        f.contributors = contributors(m, f, data, windows, config.monitors.contributors);
        const slice: SliceFilter = { ...m.filter, ...f.scope };
        f.evidence = await readEvidence(db, f.window.from, f.window.to, slice, { topic: f.topic, score: scores ? m.metric : null }, config.monitors.evidence);
        const newId =
          options.record === false
            ? undefined
            : await saveMetricAlert(db, {
                monitor: f.monitor,
                kind: f.kind,
                metric: f.metric,
                topic: f.topic ?? '',
                scope: f.scope,
                windowFrom: f.window.from,
                windowTo: f.window.to,
                value: f.value,
                baseline: f.baseline,
                pValue: f.p_value,
                n: f.n,
                detail: { limit: f.limit ?? null, ratio: f.ratio ?? null, baseline_n: f.baseline_n ?? null, contributors: f.contributors, evidence: f.evidence },
              });
        out.push({ finding: f, newId });
      }
    } catch (err) {
      monitorRuns.inc({ monitor: m.id, outcome: 'error' });
      throw err;
    }
    monitorRuns.inc({ monitor: m.id, outcome: out.length > before ? 'fired' : 'ok' });
  }
  return out;
}
