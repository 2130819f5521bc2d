import { COMPENSATION_KINDS } from '../../cases/compensation.ts';
import { ALERT_STATUSES } from '../../domain/index.ts';
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

type Case = CasesModel['cases'][number];

function actions(ctx: RenderContext, m: CasesModel, c: Case): Html {
  const { w } = ctx;
  if (c.status === 'resolved') return html`<span class="muted">${formatInstant(c.resolvedAt, ctx.timeZone)}</span>`;
  const assignee = html`<input name="assignee" placeholder="${w.assignee}" maxlength="200" value="${c.assignee ?? ''}">`;
  const ack = c.acknowledgedAt
    ? html`<span class="muted">${w.acknowledge} ${formatInstant(c.acknowledgedAt, ctx.timeZone)}</span>`
    : html`<form class="act" data-action="/api/cases/${c.id}/ack">${assignee}<input name="note" placeholder="${w.note}" maxlength="4000"><button type="submit">${w.acknowledge}</button></form>`;
  // Dotted names nest and data-number fields are numbers in the JSON body the script sends.
  return html`${ack}<form class="act" data-action="/api/cases/${c.id}/resolve"><input name="note" placeholder="${w.resolutionNote}" required maxlength="4000">${c.acknowledgedAt ? assignee : ''}<select name="compensation.kind" aria-label="${w.compensation}"><option value="">${w.noCompensation}</option>${COMPENSATION_KINDS.map(
    (k) => html`<option value="${k}">${k}</option>`,
  )}</select><input name="compensation.amount" type="number" min="0" step="0.01" placeholder="${w.amount}" data-number aria-label="${w.amount}">${
    m.rootCauses.length
      ? html`<select name="root_cause_id" data-number aria-label="${w.rootCause}"><option value="">${w.noRootCause}</option>${m.rootCauses.map(
          (r) => html`<option value="${r.id}">#${r.id} ${r.whys.at(-1) ?? r.topic}</option>`,
        )}</select>`
      : ''
  }<button type="submit">${w.resolve}</button></form>`;
}

function handling(ctx: RenderContext, m: CasesModel, c: Case): Html {
  const { w } = ctx;
  const cause = c.rootCauseId === null ? undefined : m.rootCauses.find((r) => r.id === c.rootCauseId);
  const parts = [
    c.assignee ? html`<span class="assignee">${w.assignee}: ${c.assignee}</span>` : '',
    c.compensation ? html`<span class="compensation">${w.compensation}: ${c.compensation.kind} ¥${c.compensation.amount.toFixed(2)}</span>` : '',
    c.rootCauseId !== null ? html`<span class="root-cause">${w.rootCause}: #${c.rootCauseId}${cause ? ` ${cause.whys.at(-1) ?? ''}` : ''}</span>` : '',
    c.recurred ? html`<span class="tag alarm recurred">${w.recurred}</span>` : '',
  ].filter((p) => p !== '');
  return html`${parts.map((p, i) => html`${i ? html`<br>` : ''}${p}`)}`;
}

export function casesView(ctx: RenderContext, m: CasesModel): Html {
  const { w } = ctx;
  const rows = m.cases.map(
    (c) => html`<tr data-alert="${c.id}" data-status="${c.status}" class="${c.overdue ? 'overdue' : ''}"><td class="n">${c.id}</td><td><span class="sev ${c.severity}">${nameOf(w, c.severity)}</span></td><td>${c.rule}</td><td>${c.keyword}</td><td class="clause">${c.evidence}</td><td>${c.source}</td><td class="status">${nameOf(w, c.status)}${c.overdue ? html` <span class="tag alarm">${w.overdue}</span>` : ''}</td><td class="case-handling">${handling(ctx, m, c)}</td><td class="nowrap">${formatInstant(c.createdAt, ctx.timeZone)}</td><td class="nowrap">${formatInstant(c.dueAt, ctx.timeZone)}</td><td class="actions">${actions(ctx, m, c)}</td></tr>`,
  );
  const sla = m.sla.map(
    (s) => html`<tr data-rule="${s.rule}" data-week="${s.iso_week}"><td>${s.iso_week}</td><td>${s.rule}</td><td class="n">${s.alerts}</td><td class="n sla-ack">${s.acknowledged}</td><td class="n sla-resolved">${s.resolved}</td><td class="n">${percent(s.response_rate)}</td><td class="n">${percent(s.closure_rate)}</td><td class="n">${duration(s.ack_seconds_p50)}</td><td class="n">${duration(s.resolve_seconds_p50)}</td><td class="n sla-answered">${percent(s.answered_within_deadline_rate)}</td><td class="n sla-compensation">${s.compensation_total.toFixed(2)}</td><td class="n sla-recurrence">${percent(s.recurrence_rate, 1)}</td></tr>`,
  );
  return html`<section class="card"><h1>${w.cases}</h1>${filters(ctx, m)}
<p class="muted" id="case-count">${w.caseCount(m.cases.length)}</p>
<div class="scroll"><table class="list cases"><thead><tr><th>#</th><th>${w.severity}</th><th>${w.rule}</th><th>${w.keyword}</th><th>${w.evidence}</th><th>${w.source}</th><th>${w.status}</th><th>${w.assignee} · ${w.compensation} · ${w.rootCause}</th><th>${w.created}</th><th>${w.due}</th><th>${w.actions}</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="error" id="action-error" role="alert" hidden></p>
</section>
<section class="card"><h2>${w.sla}</h2>
${
  m.sla.length === 0
    ? html`<p class="muted">${w.none}</p>`
    : html`<div class="scroll"><table class="list sla"><thead><tr><th>${w.week}</th><th>${w.rule}</th><th class="n">${w.alerts}</th><th class="n">${w.acknowledge}</th><th class="n">${w.resolve}</th><th class="n">${w.responseRate}</th><th class="n">${w.closureRate}</th><th class="n">${w.ackP50}</th><th class="n">${w.resolveP50}</th><th class="n">${w.answeredRate}</th><th class="n">${w.compensationTotal}</th><th class="n">${w.recurrenceRate}</th></tr></thead><tbody>${sla}</tbody></table></div>`
}</section>`;
}
