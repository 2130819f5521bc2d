import { formatInstant } from '../calendar.ts';
import { html, query, safeHref, trusted, type Html } from '../html.ts';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type TopicModel } from '../read/topic.ts';
import { POLARITIES, SLICE_DIMENSIONS } from '../slices.ts';
import { chart } from './layout.ts';
import { topicName, type RenderContext } from './render-context.ts';

function trendChart(ctx: RenderContext, m: TopicModel): Html {
  const labels = m.buckets.map((b) => b.slice(5));
  // The bucket holding today is still filling: shaded and labelled, so its dip is not read as a fall.
  const partial = m.partialFrom === undefined ? [] : [[{ xAxis: labels[m.partialFrom], name: ctx.w.partialShort }, { xAxis: labels.at(-1) }]];
  return chart({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 36, right: 12, top: 30, bottom: 28 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: ctx.w.negative, type: 'line', data: m.trend.negative, color: '#c0392b', markArea: { silent: true, itemStyle: { color: 'rgba(107,114,128,0.12)' }, label: { color: '#4b5563' }, data: partial } },
      { name: ctx.w.positive, type: 'line', data: m.trend.positive, color: '#1e8449' },
    ],
  });
}

function breakdownTable(ctx: RenderContext, m: TopicModel, dimension: BreakdownDimension): Html {
  const rows = m.breakdown.filter((b) => b.dimension === dimension);
  if (rows.length === 0) return html`<p class="muted">${ctx.w.none}</p>`;
  return html`<table class="list breakdown" data-dimension="${dimension}"><thead><tr><th>${ctx.w[dimension]}</th><th class="n">${ctx.w.negative}</th><th class="n">${ctx.w.positive}</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr><td>${r.value || ctx.w.emptyValue}</td><td class="n">${r.negative}</td><td class="n">${r.positive}</td></tr>`,
  )}</tbody></table>`;
}

function filters(ctx: RenderContext, m: TopicModel): Html {
  const { w } = ctx;
  const q = m.query;
  const sel = (on: boolean) => (on ? trusted(' selected') : '');
  return html`<form class="controls" method="get" action="/topics/${encodeURIComponent(q.topic)}">
<label>${w.polarity} <select name="polarity"><option value="all">${w.all}</option>${POLARITIES.map((p) => html`<option value="${p}"${sel(q.polarity === p)}>${w[p]}</option>`)}</select></label>
<label>${w.grain} <select name="grain"><option value="week"${sel(q.grain === 'week')}>${w.week}</option><option value="day"${sel(q.grain === 'day')}>${w.day}</option></select></label>
<label>${w.sliceBy} <select name="by"><option value="">${w.all}</option>${SLICE_DIMENSIONS.map((d) => html`<option value="${d}"${sel(q.slice.dimension === d)}>${w[d]}</option>`)}</select></label>
<label>= <input name="value" size="8" value="${q.slice.value === '' ? '(none)' : (q.slice.value ?? '')}"></label>
<label>${w.from} <input type="date" name="from" value="${q.from}"></label>
<label>${w.to} <input type="date" name="to" value="${q.to}"></label>
<label>${w.contains} <input name="q" size="10" value="${q.contains ?? ''}"></label>
<input type="hidden" name="lang" value="${ctx.lang}">
<button type="submit">${w.filter}</button>
</form>`;
}

export function topicView(ctx: RenderContext, m: TopicModel): Html {
  const { w } = ctx;
  const q = m.query;
  const pageLink = (page: number) =>
    `/topics/${encodeURIComponent(q.topic)}${query({ polarity: q.polarity ?? 'all', grain: q.grain, by: q.slice.dimension, value: q.slice.value === '' ? '(none)' : q.slice.value, from: q.from, to: q.to, q: q.contains, page, lang: ctx.lang })}`;
  const rows = m.evidence.map((e) => {
    const href = safeHref(e.url);
    return html`<tr class="evidence-row" data-feedback="${e.feedbackId}"><td><span class="pol ${e.polarity}">${(w as unknown as Record<string, string>)[e.polarity] ?? e.polarity}</span></td><td class="clause">${e.clause}</td><td>${e.channel}</td><td>${e.source}</td><td>${e.region ?? ''}</td><td>${e.product ?? ''}</td><td class="nowrap">${formatInstant(e.postedAt, ctx.timeZone)}</td><td class="n">${e.rating ?? ''}</td><td>${
      href ? html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${w.original}</a>` : ''
    }</td></tr>`;
  });
  return html`<section class="card"><h1>${topicName(ctx, q.topic)}</h1>
<h2>${w.trend} (${w[q.grain]})</h2>${trendChart(ctx, m)}</section>
<div class="three">${BREAKDOWN_DIMENSIONS.map((d) => html`<section class="card"><h2>${w.breakdownBy(w[d])}</h2>${breakdownTable(ctx, m, d)}</section>`)}</div>
<section class="card"><h2>${w.evidence}</h2>
${filters(ctx, m)}
<p class="muted" id="evidence-count">${w.pageOf(q.page, m.pages, m.total)} · ${q.from} – ${q.to}</p>
${m.evidence.length === 0 ? html`<p class="muted">${w.none}</p>` : ''}
<div class="scroll"><table class="list evidence"><thead><tr><th>${w.polarity}</th><th>${w.clause}</th><th>${w.channel}</th><th>${w.source}</th><th>${w.region}</th><th>${w.product}</th><th>${w.date}</th><th class="n">${w.rating}</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>
<nav class="pager">${q.page > 1 ? html`<a href="${pageLink(q.page - 1)}">${w.previous}</a>` : ''}${q.page < m.pages ? html`<a href="${pageLink(q.page + 1)}">${w.next}</a>` : ''}</nav>
</section>`;
}
