import { html, type Html } from '../dashboard/html.ts';
import { words, type Lang } from '../dashboard/i18n.ts';
import { heatmapFromCells, type HeatmapModel } from '../dashboard/read/heatmap.ts';
import type { TopicsSummary } from '../dashboard/read/overview.ts';
import { heatmapView } from '../dashboard/views/heatmap-view.ts';
import { layout } from '../dashboard/views/layout.ts';
import { painPointsView } from '../dashboard/views/overview-view.ts';
import type { RenderContext } from '../dashboard/views/render-context.ts';
import { dashboardCss } from '../dashboard/asset-files.ts';
import type { PainPointReport } from './report-model.ts';
import { lastDay } from '../domain/period.ts';
import { changeText, filterText, percent } from './format-text.ts';
import { improvementsHtml } from './improvements-section.ts';

/**
 * The report as one self-contained page (its style sheet inside, no script, nothing fetched),
 * drawn by the dashboard's own views: the pain-point table and the heatmap of `painpoint serve`.
 */
export function formatHtml(report: PainPointReport, top: number, options: { lang?: Lang; timeZone?: string } = {}): string {
  const lang = options.lang ?? 'zh';
  const labels = new Map(report.painPoints.flatMap((p) => (p.label ? [[p.topic, p.label] as [string, string]] : [])));
  const ctx: RenderContext = { lang, w: words(lang), timeZone: options.timeZone ?? 'UTC', labels, interactive: false };
  const { period, totals } = report;
  const summary: TopicsSummary = {
    period,
    negative: report.painPoints.slice(0, top).map((p) => ({ topic: p.topic, mentions: p.negativeMentions, previous: p.previousMentions, share: p.share, spark: [] })),
    positive: [],
    windows: [lastDay(period.until)],
  };
  const { heatmap } = report;
  const cells = heatmap.topics.flatMap((topic, t) => heatmap.weeks.map((w, k) => ({ bucket: w.week, topic, mentions: heatmap.mentions[t]![k]! }))).filter((c) => c.mentions > 0);
  const grid: HeatmapModel = {
    ...heatmapFromCells(cells, { since: period.since, until: period.until, grain: 'week' }),
    polarity: 'negative',
    slice: { dimension: null, value: null },
    sliceValues: [],
  };
  const title = `${ctx.w.reportTitle} ${period.since} – ${lastDay(period.until)}`;
  const filter = filterText(report.filter);
  const body = html`<section class="card"><h1>${title}</h1><p>${totals.items} ${ctx.w.items} (${ctx.w.negative} ${totals.negativeItems}) · ${ctx.w.before}: ${totals.previousItems} (${ctx.w.negative} ${totals.previousNegativeItems})${filter ? ` · Only ${filter}.` : ''}</p></section>
${painPointsView(ctx, summary)}
${heatmapView(ctx, grid)}
${slicesView(report, Math.min(top, 5))}
${improvementsHtml(report.improvements ?? [])}`;
  return layout(ctx, { title, section: null, body, assets: { kind: 'inline', css: dashboardCss() } }).value;
}

/** `--by`: per value of the dimension, its items and its top pain points as negative mentions per item. */
function slicesView(report: PainPointReport, top: number): Html | '' {
  const s = report.slices;
  if (!s) return '';
  const rows = s.values.map(
    (v) => html`<tr><th>${v.value || '(none)'}</th><td class="n">${v.items}</td><td class="n">${v.negativeItems}</td>${v.painPoints
      .slice(0, top)
      .map((p) => html`<td>${p.topic}${p.label ? html` <span class="muted">${p.label}</span>` : ''}<br>${p.perItem != null ? percent(p.perItem) : ''} · ${changeText(p.change, p.negativeMentions)}</td>`)}</tr>`,
  );
  return html`<section class="card"><h2>By ${s.dimension}: top pain points, negative mentions per item</h2>
<table class="list"><tr><th>${s.dimension}</th><th>items</th><th>negative</th><th colspan="${top}">pain points (per item · change)</th></tr>
${rows}</table></section>`;
}
