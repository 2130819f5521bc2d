import { lastDay } from '../domain/period.ts';
import type { MonitorConfig } from '../config/schema/monitors.ts';
import { renderTable } from '../terminal/text-width.ts';
import type { MetricAlertRow } from '../store/metric-alerts-repository.ts';
import { alphaOf } from './evaluate.ts';
import type { RaisedFinding } from './run-check.ts';

function show(metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (metric === 'negative_rate' || metric === 'share') return `${(v * 100).toFixed(1)}%`;
  return metric === 'nps' || metric === 'items' ? v.toFixed(1) : v.toFixed(2);
}

function pText(p: number | null): string {
  return p === null ? '' : p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

/** `painpoint monitors list`: each monitor in a line. */
export function formatMonitorList(monitors: readonly MonitorConfig[], file: string, schedule: { everyMs: number; next?: Date | undefined }, recent: readonly MetricAlertRow[] = []): string {
  const rows = monitors.map((m) => {
    const rule =
      m.kind === 'relative'
        ? `+${Math.round(m.minChange * 100)}% over ${m.baseline} ${m.window}s, p<${alphaOf(m)}`
        : `${m.below !== undefined ? `below ${m.below}` : `above ${m.above}`}${m.kind === 'target' ? ` (p<${alphaOf(m)})` : ''}`;
    const topics = m.topics === 'all' ? (m.metric === 'negative_rate' || m.metric === 'share' ? 'all topics' : '') : m.topics.join(',');
    const filter = Object.entries(m.filter).map(([k, v]) => `${k}=${v}`).join(',');
    return [m.id, m.enabled ? m.kind : `${m.kind} (off)`, m.metric, topics, m.by.join(',') || '—', m.window, rule, String(m.minItems), filter];
  });
  const table = renderTable(['id', 'kind', 'metric', 'topics', 'by', 'window', 'fires when', 'min n', 'filter'], rows, ['left', 'left', 'left', 'left', 'left', 'left', 'left', 'right', 'left']);
  const next = schedule.next ? `, next ${schedule.next.toISOString()}` : ' (the worker registers the schedule when it starts)';
  const findings = recent.map((a) => [String(a.id), a.monitor, a.windowFrom, Object.entries(a.scope).map(([k, v]) => `${k}=${v}`).join(',') || 'all', a.topic, show(a.metric, a.value), a.pValue === null ? '' : pText(a.pValue), String(a.n), a.status]);
  const latest = findings.length
    ? `\nLatest findings (metric_alerts)\n\n${renderTable(['id', 'monitor', 'week of', 'scope', 'topic', 'value', 'p', 'n', 'status'], findings, ['right', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'])}\n`
    : '';
  return `${monitors.length} monitor(s) from ${file}; checked every ${Math.round(schedule.everyMs / 60_000)} min by the worker${next}\n\n${table}\n${latest}`;
}

/** `painpoint monitors check` without --json: one readable line per finding. */
export function formatFinding(r: RaisedFinding): string {
  const f = r.finding;
  const scope = Object.entries(f.scope).map(([k, v]) => `${k}=${v}`).join(',') || 'all';
  const state = r.newId === undefined ? 'recorded before' : `new #${r.newId}${r.status ? `, ${r.status}` : ''}`;
  const to = lastDay(f.window.to);
  // The first two of each dimension: the sources and the products inside the scope.
  const top = f.contributors
    .filter((c, i, all) => all.findIndex((x) => x.dimension === c.dimension) + 2 > i)
    .map((c) => `${c.dimension} ${c.value || '(none)'} ${c.count}`)
    .join('; ');
  return (
    `${f.monitor}  ${f.window.from}…${to}  ${scope}${f.topic ? `  ${f.topic}` : ''}  ${f.metric} ${show(f.metric, f.value)} (baseline ${show(f.metric, f.baseline)}${f.limit !== undefined ? `, limit ${show(f.metric, f.limit)}` : ''})` +
    `  n=${f.n}${f.p_value !== null ? `  p=${pText(f.p_value)}` : ''}  [${state}]${top ? `\n    top: ${top}` : ''}${f.evidence[0] ? `\n    「${f.evidence[0].evidence}」` : ''}`
  );
}

/** How a metric's value and a p-value read wherever findings are shown (the dashboard too). */
export { show as metricValueText, pText as pValueText };
