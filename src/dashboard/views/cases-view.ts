import { ALERT_STATUSES } from '../../server/case-api.ts';
import { formatInstant } from '../calendar.ts';
import { html, trusted, type Html } from '../html.ts';
import { nameOf } from '../i18n.ts';
import { SEVERITIES, type CasesModel } from '../read/cases.ts';
import { duration, percent, type RenderContext } from './render-context.ts';

function filters(ctx: RenderContext, m: CasesModel): Html {
  const { w } = ctx;
  const f = m.filter;
  const sel = (on: boolean) => (on ? trusted(' selected') : '');
  return html`<form class="controls" method="get" action="/cases" data-autosubmit>
<label>${w.rule} <select name="rule"><option value="">${w.all}</option>${m.rules.map((r) => html`<option${sel(r === f.rule)}>${r}</option>`)}</select></label>
<label>${w.severity} <select name="severity"><option value="">${w.all}</option>${SEVERITIES.map((s) => html`<option value="${s}"${sel(s === f.severity)}>${nameOf(w, s)}</option>`)}</select></label>
<label>${w.status} <select name="status"><option value="">${w.all}</option>${ALERT_STATUSES.map((s) => html`<option value="${s}"${sel(s === f.status)}>${nameOf(w, s)}</option>`)}</select></label>
<label><input type="checkbox" name="overdue" value="1"${f.overdue ? trusted(' checked') : ''}> ${w.onlyOverdue}</label>
<input type="hidden" name="lang" value="${ctx.lang}">
<button type="submit">${w.filter}</button>
</form>`;
}

function actions(ctx: RenderContext, c: CasesModel['cases'][number]): Html {
  const { w } = ctx;
  if (c.status === 'resolved') return html`<span class="muted">${formatInstant(c.resolvedAt, ctx.timeZone)}</span>`;
  const ack = c.acknowledgedAt
    ? html`<span class="muted">${w.acknowledge} ${formatInstant(c.acknowledgedAt, ctx.timeZone)}</span>`
    : html`<form class="act" data-action="/api/cases/${c.id}/ack"><input name="note" placeholder="${w.note}" maxlength="4000"><button type="submit">${w.acknowledge}</button></form>`;
  return html`${ack}<form class="act" data-action="/api/cases/${c.id}/resolve"><input name="note" placeholder="${w.resolutionNote}" required maxlength="4000"><button type="submit">${w.resolve}</button></form>`;
}

export function casesView(ctx: RenderContext, m: CasesModel): Html {
  const { w } = ctx;
  const rows = m.cases.map(
    (c) => html`<tr data-alert="${c.id}" data-status="${c.status}" class="${c.overdue ? 'overdue' : ''}"><td class="n">${c.id}</td><td><span class="sev ${c.severity}">${nameOf(w, c.severity)}</span></td><td>${c.rule}</td><td>${c.keyword}</td><td class="clause">${c.evidence}</td><td>${c.source}</td><td class="status">${nameOf(w, c.status)}${c.overdue ? html` <span class="tag alarm">${w.overdue}</span>` : ''}</td><td class="nowrap">${formatInstant(c.createdAt, ctx.timeZone)}</td><td class="nowrap">${formatInstant(c.dueAt, ctx.timeZone)}</td><td class="actions">${actions(ctx, c)}</td></tr>`,
  );
  const sla = m.sla.map(
    (s) => html`<tr data-rule="${s.rule}" data-week="${s.iso_week}"><td>${s.iso_week}</td><td>${s.rule}</td><td class="n">${s.alerts}</td><td class="n sla-ack">${s.acknowledged}</td><td class="n sla-resolved">${s.resolved}</td><td class="n">${percent(s.response_rate)}</td><td class="n">${percent(s.closure_rate)}</td><td class="n">${duration(s.ack_seconds_p50)}</td><td class="n">${duration(s.resolve_seconds_p50)}</td></tr>`,
  );
  return html`<section class="card"><h1>${w.cases}</h1>${filters(ctx, m)}
<p class="muted" id="case-count">${w.caseCount(m.cases.length)}</p>
<div class="scroll"><table class="list cases"><thead><tr><th>#</th><th>${w.severity}</th><th>${w.rule}</th><th>${w.keyword}</th><th>${w.evidence}</th><th>${w.source}</th><th>${w.status}</th><th>${w.created}</th><th>${w.due}</th><th>${w.actions}</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="error" id="action-error" role="alert" hidden></p>
</section>
<section class="card"><h2>${w.sla}</h2>
${
  m.sla.length === 0
    ? html`<p class="muted">${w.none}</p>`
    : html`<div class="scroll"><table class="list sla"><thead><tr><th>${w.week}</th><th>${w.rule}</th><th class="n">${w.alerts}</th><th class="n">${w.acknowledge}</th><th class="n">${w.resolve}</th><th class="n">${w.responseRate}</th><th class="n">${w.closureRate}</th><th class="n">${w.ackP50}</th><th class="n">${w.resolveP50}</th></tr></thead><tbody>${sla}</tbody></table></div>`
}</section>`;
}
