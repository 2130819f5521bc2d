import { lastDay } from '../domain/period.ts';
import type { PainPointReport } from './report-model.ts';
import { renderTable } from '../terminal/text-width.ts';
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
  const filter = filterText(report.filter);
  const head = [
    `Pain points ${period.since} – ${lastDay(period.until)} (${period.days} days), compared with the ${period.days} days before${filter ? `; only ${filter}` : ''}`,
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
  return [...head, table, ...slicesText(report, Math.min(top, 5))].join('\n') + '\n' + improvementsText(report.improvements ?? []);
}

/** `region=华南, channel=review`, or '' without filters. */
export function filterText(filter: PainPointReport['filter']): string {
  return Object.entries(filter ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** `--by`: each value's items and its top pain points, rates against the value's own items. */
function slicesText(report: PainPointReport, top: number): string[] {
  const s = report.slices;
  if (!s) return [];
  const rows = s.values.flatMap((v) =>
    (v.painPoints.length ? v.painPoints.slice(0, top) : [undefined]).map((p, i) => [
      i === 0 ? v.value || '(none)' : '',
      i === 0 ? String(v.items) : '',
      i === 0 ? String(v.negativeItems) : '',
      p?.topic ?? '',
      p?.label ?? '',
      p ? String(p.negativeMentions) : '',
      p?.perItem != null ? percent(p.perItem) : '',
      p ? changeText(p.change, p.negativeMentions) : '',
    ]),
  );
  const table = renderTable([s.dimension, 'items', 'negative', 'topic', '名称', 'mentions', 'per item', 'change'], rows, ['left', 'right', 'right', 'left', 'left', 'right', 'right', 'right']);
  return ['', `By ${s.dimension} (top ${top} pain points of each; per item = mentions / the ${s.dimension}'s items)`, '', table];
}

