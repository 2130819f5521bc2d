import type { PainPointReport } from './report-model.ts';
import { changeText, lastDay, percent } from './format-text.ts';
import { improvementsHtml } from './improvements-section.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Cell colour: white at 0, deep red at the largest share on the map. */
function shade(share: number, max: number): string {
  const t = max > 0 ? share / max : 0;
  const r = 255;
  const g = Math.round(255 - 190 * t);
  const b = Math.round(255 - 200 * t);
  return `rgb(${r},${g},${b})`;
}

/** A self-contained HTML page (no scripts, no external files): the top pain points and the heatmap. */
export function formatHtml(report: PainPointReport, top: number): string {
  const { period, totals, heatmap } = report;
  const label = (topic: string) => report.painPoints.find((p) => p.topic === topic)?.label;
  const rows = report.painPoints
    .slice(0, top)
    .map(
      (p, i) =>
        `<tr><td class="n">${i + 1}</td><td>${escape(p.topic)}</td><td>${escape(p.label ?? '')}</td><td class="n">${p.negativeMentions}</td>` +
        `<td class="n">${percent(p.share)}</td><td class="n">${p.previousMentions}</td><td class="n">${changeText(p.change, p.negativeMentions)}</td></tr>`,
    )
    .join('\n');
  const max = Math.max(0, ...heatmap.share.flat());
  const heatHead = heatmap.weeks.map((w) => `<th title="week of ${w.week}">${escape(w.isoWeek)}</th>`).join('');
  const heatRows = heatmap.topics
    .map((topic, t) => {
      const cells = heatmap.weeks
        .map((w, k) => {
          const share = heatmap.share[t]![k]!;
          const mentions = heatmap.mentions[t]![k]!;
          return `<td style="background:${shade(share, max)}" title="${escape(topic)} ${escape(w.isoWeek)}: ${mentions} negative mentions, ${percent(share)} of the week">${mentions ? percent(share, 0) : ''}</td>`;
        })
        .join('');
      const name = label(topic);
      return `<tr><th class="topic">${escape(topic)}${name ? ` <span>${escape(name)}</span>` : ''}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Pain points ${escape(period.since)} – ${escape(lastDay(period.until))}</title>
<style>
  body { font: 14px/1.45 system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #222; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  table { border-collapse: collapse; }
  th, td { padding: .3rem .6rem; border: 1px solid #e3e3e3; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .heat td { width: 4.2rem; text-align: center; font-size: 12px; }
  .heat th { white-space: nowrap; }
  .heat th.topic { text-align: left; font-weight: normal; white-space: nowrap; }
  .heat th.topic span { color: #777; }
  .muted { color: #777; }
</style>
</head>
<body>
<h1>Pain points, ${escape(period.since)} – ${escape(lastDay(period.until))} (${period.days} days)</h1>
<p>${totals.items} items, ${totals.negativeItems} negative; the ${period.days} days before: ${totals.previousItems} items, ${totals.previousNegativeItems} negative.</p>
<h2>Top pain points (negative mentions)</h2>
${report.painPoints.length ? `<table>\n<tr><th>#</th><th>topic</th><th>名称</th><th>negative</th><th>share</th><th>before</th><th>change</th></tr>\n${rows}\n</table>` : '<p class="muted">No negative mentions in this period or the one before.</p>'}
<h2>Heatmap: each topic's share of the week's negative mentions</h2>
${heatmap.weeks.length ? `<table class="heat">\n<tr><th></th>${heatHead}</tr>\n${heatRows}\n</table>` : '<p class="muted">No negative mentions in these weeks.</p>'}
<p class="muted">Weeks are ISO weeks (Monday first); a week at either end of the period may include days outside it. Source: the pain_point_share view.</p>
${improvementsHtml(report.improvements ?? [])}</body>
</html>
`;
}
