import { html, query, type Html } from '../html.ts';
import { changeVerdict, MIN_CHANGE_MENTIONS } from '../change-test.ts';
import { nameOf } from '../i18n.ts';
import type { OpenCases, TopicChange, TopicsSummary } from '../read/overview.ts';
import { chart } from './layout.ts';
import { changeText, percent, topicName, type RenderContext } from './render-context.ts';

function sparkline(values: number[], polarity: 'negative' | 'positive'): Html {
  return chart(
    {
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
      yAxis: { type: 'value', show: false, min: 0 },
      series: [{ type: 'line', data: values, symbol: 'none', lineStyle: { width: 1.5, color: polarity === 'negative' ? '#c0392b' : '#1e8449' }, areaStyle: { opacity: 0.12, color: polarity === 'negative' ? '#c0392b' : '#1e8449' } }],
    },
    'spark',
  );
}

function verdictTag(ctx: RenderContext, now: number, before: number): Html {
  const v = changeVerdict(now, before);
  if (v.verdict === 'insufficient') return html` <span class="tag" title="n=${v.n}">${ctx.w.insufficient}</span>`;
  const title = `n=${v.n}, p=${v.p < 0.001 ? v.p.toExponential(1) : v.p.toFixed(3)}`;
  return v.verdict === 'significant' ? html` <span class="tag sig" title="${title}">${ctx.w.significant}</span>` : html` <span class="tag" title="${title}">${ctx.w.notSignificant}</span>`;
}

function topicTable(ctx: RenderContext, rows: TopicChange[], polarity: 'negative' | 'positive', limit: number): Html {
  const { w } = ctx;
  if (rows.length === 0) return html`<p class="muted">${w.none}</p>`;
  return html`<div class="scroll"><table class="list topics" data-polarity="${polarity}">
<thead><tr><th>#</th><th>${w.topic}</th><th class="n">${w.mentions}</th><th class="n opt">${w.share}</th><th class="n opt">${w.before}</th><th class="n">${w.change}</th>${ctx.interactive ? html`<th>${w.trend}</th>` : ''}</tr></thead>
<tbody>${rows.slice(0, limit).map(
    (r, i) => html`<tr data-topic="${r.topic}"><td class="n">${i + 1}</td><td>${
      ctx.interactive ? html`<a href="/topics/${encodeURIComponent(r.topic)}${query({ polarity, lang: ctx.lang })}">${topicName(ctx, r.topic)}</a>` : topicName(ctx, r.topic)
    }</td><td class="n">${r.mentions}</td><td class="n opt">${percent(r.share)}</td><td class="n opt">${r.previous}</td><td class="n ${
      r.mentions > r.previous ? (polarity === 'negative' ? 'worse' : 'better') : r.mentions < r.previous ? (polarity === 'negative' ? 'better' : 'worse') : ''
    }">${changeText(ctx, r.mentions, r.previous)}${verdictTag(ctx, r.mentions, r.previous)}</td>${ctx.interactive ? html`<td class="spark-cell">${sparkline(r.spark, polarity)}</td>` : ''}</tr>`,
  )}</tbody></table></div>`;
}

export function painPointsView(ctx: RenderContext, s: TopicsSummary): Html {
  return html`<section class="card"><h2>${ctx.w.topPainPoints}</h2><p class="muted">${s.period.since} – ${s.windows.at(-1)} · ${ctx.w.daysCompared(s.period.days)}${ctx.interactive ? ` · ${ctx.w.trend}: 7d × ${s.windows.length}` : ''}</p>${topicTable(ctx, s.negative, 'negative', 10)}<p class="muted">${ctx.w.changeNote(MIN_CHANGE_MENTIONS)}</p></section>`;
}

export function praiseView(ctx: RenderContext, s: TopicsSummary): Html {
  return html`<section class="card"><h2>${ctx.w.positiveTopics}</h2>${topicTable(ctx, s.positive, 'positive', 6)}</section>`;
}

export function openCasesView(ctx: RenderContext, cases: OpenCases[]): Html {
  const { w } = ctx;
  const total = cases.reduce((n, c) => n + c.open, 0);
  const overdue = cases.reduce((n, c) => n + c.overdue, 0);
  return html`<section class="card"><h2>${w.openCases}</h2>
<div class="tiles"><a class="tile" href="/cases${query({ lang: ctx.lang })}"><span class="big">${total}</span><span>${w.open}</span></a><a class="tile ${overdue > 0 ? 'alarm' : ''}" href="/cases${query({ overdue: 1, lang: ctx.lang })}"><span class="big">${overdue}</span><span>${w.overdue}</span></a></div>
${
  cases.length === 0
    ? html`<p class="muted">${w.none}</p>`
    : html`<table class="list"><thead><tr><th>${w.severity}</th><th class="n">${w.open}</th><th class="n">${w.unacknowledged}</th><th class="n">${w.overdue}</th></tr></thead><tbody>${cases.map(
        (c) => html`<tr><td><span class="sev ${c.severity}">${nameOf(w, c.severity)}</span></td><td class="n">${c.open}</td><td class="n">${c.unacknowledged}</td><td class="n">${c.overdue}</td></tr>`,
      )}</tbody></table>`
}</section>`;
}
