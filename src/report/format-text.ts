import type { PainPointReport } from './report-model.ts';
import { renderTable } from './text-width.ts';
import { improvementsText } from './improvements-section.ts';

export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** +25.0% / −10.0% / new (none before) / — (none either time). */
export function changeText(change: number | null, now: number): string {
  if (change === null) return now > 0 ? 'new' : '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${Math.abs(change * 100).toFixed(1)}%`;
}

/** The terminal report: the period, its totals, and the top pain points. */
export function formatTable(report: PainPointReport, top: number): string {
  const { period, totals } = report;
  const head = [
    `Pain points ${period.since} – ${lastDay(period.until)} (${period.days} days), compared with the ${period.days} days before`,
    `items ${totals.items} (before ${totals.previousItems}), negative ${totals.negativeItems} (before ${totals.previousNegativeItems})`,
    '',
  ];
  if (report.painPoints.length === 0) return [...head, 'No negative mentions in this period or the one before.'].join('\n') + '\n';
  const rows = report.painPoints.slice(0, top).map((p, i) => [
    String(i + 1),
    p.topic,
    p.label ?? '',
    String(p.negativeMentions),
    percent(p.share),
    String(p.previousMentions),
    changeText(p.change, p.negativeMentions),
  ]);
  const table = renderTable(['#', 'topic', '名称', 'negative', 'share', 'before', 'change'], rows, ['right', 'left', 'left', 'right', 'right', 'right', 'right']);
  return [...head, table].join('\n') + '\n' + improvementsText(report.improvements ?? []);
}

/** The last day of a period that ends (exclusive) at `until`. */
export function lastDay(until: string): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
