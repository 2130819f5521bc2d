import { renderTable } from '../terminal/text-width.ts';
import type { Driver, DriverMetric } from './drivers.ts';
import type { ScoreEstimate } from './score-estimate.ts';
import type { ScoreGroup, ScoreGroupKey } from './score-groups.ts';

export const INSUFFICIENT = 'insufficient data';

function cell(e: ScoreEstimate, digits: number, scale = 1): string {
  if (e.status !== 'estimate') return `${INSUFFICIENT} (n=${e.n})`;
  const f = (x: number) => (x * scale).toFixed(digits);
  return `${f(e.value)} [${f(e.lower)}, ${f(e.upper)}] n=${e.n}`;
}

function verdict(e: ScoreEstimate): string {
  if (e.status !== 'estimate' || e.verdict === undefined) return '';
  // "missed" with the whole interval below the target is sure; inside the interval it may be noise.
  const sure = e.verdict === 'missed' ? e.upper < e.target! : e.lower >= e.target!;
  return `${e.verdict}${sure ? '' : '?'} (${e.target})`;
}

/** The `painpoint scores` table: one row per group, each score with its 95 % interval and n. */
export function formatScores(groups: readonly ScoreGroup[], by: readonly ScoreGroupKey[], period: { since: string; last: string }, confidence: number): string {
  const head = `Experience scores ${period.since} – ${period.last}: value [${Math.round(confidence * 100)}% interval] n; target met / missed ("?" where the interval holds the target)`;
  const rows = groups.map((g) => [
    ...by.map((k) => g.key[k] || '(none)'),
    cell(g.scores.nps, 1),
    verdict(g.scores.nps),
    cell(g.scores.csat, 2),
    verdict(g.scores.csat),
    cell(g.scores.csat_satisfied, 1, 100),
    cell(g.scores.ces, 2),
    verdict(g.scores.ces),
  ]);
  const headers = [...by, 'NPS', 'target', 'CSAT', 'target', 'CSAT 4–5 %', 'CES', 'target'];
  const table = renderTable(headers, rows, headers.map((_, i) => (i < by.length ? 'left' : 'right')));
  return `${head}\n\n${table}\n`;
}

/** The `painpoint drivers` table: what each topic's complaints cost the score, most first. */
export function formatDrivers(list: readonly Driver[], metric: DriverMetric, labels: ReadonlyMap<string, string>, period: { since: string; last: string }): string {
  const name = metric === 'nps' ? 'NPS' : 'CSAT';
  const digits = metric === 'nps' ? 1 : 2;
  const f = (x: number) => x.toFixed(digits);
  const head = `${name} drivers ${period.since} – ${period.last}: the score of items complaining of a topic against the rest, and the points it costs (95% interval)`;
  const rows = list.map((d) =>
    d.status === 'estimate'
      ? [d.topic, labels.get(d.topic) ?? '', String(d.n), f(d.score), f(d.rest), `${f(d.cost)} [${f(d.lower)}, ${f(d.upper)}]`]
      : [d.topic, labels.get(d.topic) ?? '', String(d.n), '', '', `${INSUFFICIENT} (n<${d.min})`],
  );
  if (rows.length === 0) return `${head}\n\nNo answered item mentions a topic negatively in this period.\n`;
  const table = renderTable(['topic', '名称', 'n', name, 'rest', 'cost'], rows, ['left', 'left', 'right', 'right', 'right', 'right']);
  return `${head}\n\n${table}\n`;
}
