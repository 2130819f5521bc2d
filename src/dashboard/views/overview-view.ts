import { metricValueText, pValueText } from '../../monitors/format-monitors.ts';
import { lastDay } from '../../domain/period.ts';
import type { ScoreEstimate } from '../../scores/score-estimate.ts';
import type { MetricAlertRow } from '../../store/metric-alerts-repository.ts';
import { html, query, type Html } from '../html.ts';
import { changeVerdict, MIN_CHANGE_MENTIONS } from '../change-test.ts';
import { nameOf } from '../i18n.ts';
import type { OpenCases, ScoreTiles, TopicChange, TopicsSummary } from '../read/overview.ts';
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

function scoreTile(ctx: RenderContext, name: string, id: string, e: ScoreEstimate, digits: number): Html {
  const { w } = ctx;
  if (e.status !== 'estimate')
    return html`<div class="tile score insufficient" data-score="${id}" data-n="${e.n}"><span class="label">${name}</span><span class="big">—</span><span>${w.insufficient}</span><span class="muted">n=${e.n} &lt; ${e.min}</span></div>`;
  const f = (x: number) => x.toFixed(digits);
  // As `painpoint scores`: "missed" is sure when the whole interval is below the target, "met" when above.
  const sure = e.verdict === undefined ? true : e.verdict === 'missed' ? e.upper < e.target! : e.lower >= e.target!;
  const verdict = e.verdict === undefined ? '' : html`<span class="tag ${e.verdict === 'missed' ? 'alarm' : 'ok'}">${w[e.verdict]}${sure ? '' : '?'}</span>`;
  return html`<div class="tile score ${e.verdict === 'missed' && sure ? 'missed' : ''}" data-score="${id}" data-n="${e.n}" data-value="${e.value}"${sure ? '' : html` title="${w.unsure.trim()}"`}><span class="label">${name}</span><span class="big">${f(e.value)}</span><span class="muted">[${f(e.lower)}, ${f(e.upper)}] n=${e.n}</span>${
    e.target === undefined ? '' : html`<span>${w.target} ${e.target} ${verdict}</span>`
  }</div>`;
}

export function scoreTilesView(ctx: RenderContext, s: ScoreTiles): Html {
  if (!s.answered) return html``;
  return html`<section class="card" id="scores"><h2>${ctx.w.scores}</h2><p class="muted">${s.period.since} – ${lastDay(s.period.until)}</p>
<div class="tiles">${scoreTile(ctx, 'NPS', 'nps', s.nps, 1)}${scoreTile(ctx, 'CSAT', 'csat', s.csat, 2)}${scoreTile(ctx, 'CES', 'ces', s.ces, 2)}</div>
<p class="muted">${ctx.w.scoreNote(s.minResponses, s.confidence)}</p></section>`;
}

function scopeText(ctx: RenderContext, scope: Record<string, string>): string {
  const parts = Object.entries(scope).map(([k, v]) => `${(ctx.w as unknown as Record<string, string>)[k] ?? k}=${v || ctx.w.emptyValue}`);
  return parts.length ? parts.join(', ') : ctx.w.everything;
}

export function firedMonitorsView(ctx: RenderContext, findings: MetricAlertRow[]): Html {
  const { w } = ctx;
  if (findings.length === 0) return html``;
  return html`<section class="card" id="fired-monitors"><h2>${w.firedMonitors}</h2><div class="scroll"><table class="list monitors">
<thead><tr><th>${w.monitor}</th><th>${w.topic}</th><th>${w.scope}</th><th>${w.window}</th><th class="n">${w.value}</th><th class="n">${w.baseline}</th><th class="n">p</th><th class="n">n</th></tr></thead>
<tbody>${findings.map(
    (a) => html`<tr data-monitor="${a.monitor}" data-topic="${a.topic}"><td>${a.monitor}</td><td>${
      a.topic ? (ctx.interactive ? html`<a href="/topics/${encodeURIComponent(a.topic)}${query({ from: a.windowFrom, to: lastDay(a.windowTo), lang: ctx.lang })}">${topicName(ctx, a.topic)}</a>` : topicName(ctx, a.topic)) : a.metric
    }</td><td class="scope">${scopeText(ctx, a.scope)}</td><td class="nowrap">${a.windowFrom} – ${lastDay(a.windowTo)}</td><td class="n worse">${metricValueText(a.metric, a.value)}</td><td class="n">${metricValueText(a.metric, a.baseline)}</td><td class="n">${pValueText(a.pValue)}</td><td class="n">${a.n}</td></tr>`,
  )}</tbody></table></div></section>`;
}
