import type pg from 'pg';
import { sqlFolder } from '../store/sql-files.ts';
import { html, type Html } from '../dashboard/html.ts';
import { renderTable } from '../terminal/text-width.ts';

/**
 * The report's improvements: what was changed about which pain point, and whether it worked
 * (improvement_effect: 4 weeks either side of the start; `painpoint effect ID` for other windows
 * and the exact test on small counts).
 */

const sql = sqlFolder('report');

export interface ReportImprovement {
  id: number;
  topic: string;
  action: string;
  status: string;
  startDate: string;
  beforeRate: number | null;
  afterRate: number | null;
  effect: number | null;
  ci95: [number, number] | null;
  pValue: number | null;
  test: string;
  verdict: string;
}

export const REPORT_IMPROVEMENTS = 20;

export async function reportImprovements(pool: Pick<pg.Pool, 'query'>, limit = REPORT_IMPROVEMENTS): Promise<ReportImprovement[]> {
  const { rows } = await pool.query(sql('improvements'), [limit]);
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    action: r.action,
    status: r.status,
    startDate: r.start_date,
    beforeRate: r.before_rate,
    afterRate: r.after_rate,
    effect: r.effect,
    ci95: r.ci95_low === null ? null : [r.ci95_low, r.ci95_high],
    pValue: r.p_value === null ? null : Number(Number(r.p_value).toPrecision(3)),
    test: r.test,
    verdict: r.verdict,
  }));
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const pp = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`);
const VERDICT_NAMES: Record<string, string> = { effective: 'effective 有效', not_significant: 'not significant 不显著', worse: 'worse 变差' };

export function improvementsText(items: readonly ReportImprovement[]): string {
  if (items.length === 0) return '';
  const head = ['#', 'topic', 'start', 'before', 'after', 'effect', '95% CI', 'verdict', 'action'];
  const cells = items.map((i) => [String(i.id), i.topic, i.startDate, pct(i.beforeRate), pct(i.afterRate), pp(i.effect), i.ci95 ? `${pp(i.ci95[0])} … ${pp(i.ci95[1])}` : '—', VERDICT_NAMES[i.verdict] ?? i.verdict, i.action]);
  const table = renderTable(head, cells, ['right', 'left', 'left', 'right', 'right', 'right', 'left', 'left', 'left']);
  return `\nImprovements (topic rate 4 weeks before and after the start; painpoint effect ID for more)\n${table}\n`;
}

/** The improvements as a card of the report page (escaped by the dashboard's html template). */
export function improvementsHtml(items: readonly ReportImprovement[]): Html | '' {
  if (items.length === 0) return '';
  const rows = items.map(
    (i) => html`<tr><td class="n">${i.id}</td><td>${i.topic}</td><td>${i.action}</td><td>${i.startDate}</td><td class="n">${pct(i.beforeRate)}</td><td class="n">${pct(i.afterRate)}</td><td class="n">${pp(i.effect)}</td><td class="n">${i.ci95 ? `${pp(i.ci95[0])} … ${pp(i.ci95[1])}` : '—'}</td><td class="n">${i.pValue ?? '—'}</td><td>${VERDICT_NAMES[i.verdict] ?? i.verdict}</td></tr>`,
  );
  return html`<section class="card"><h2>Improvements and whether they worked</h2>
<table class="list"><tr><th>#</th><th>topic</th><th>action</th><th>start</th><th>before</th><th>after</th><th>effect</th><th>95% CI</th><th>p</th><th>verdict</th></tr>
${rows}</table>
<p class="muted">Topic rate = items with a negative mention of the topic ÷ items in the pilot scope, 4 weeks before and after the start; with a control scope, the effect is the difference in differences. Source: the improvement_effect view.</p></section>`;
}
