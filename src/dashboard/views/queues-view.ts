import { formatInstant } from '../calendar.ts';
import { html, type Html } from '../html.ts';
import { nameOf } from '../i18n.ts';
import { JOB_STATES, type QueuesModel } from '../read/queues.ts';
import type { RenderContext } from './render-context.ts';

export function queuesView(ctx: RenderContext, m: QueuesModel): Html {
  const { w } = ctx;
  const counts = m.queues.map(
    (q) => html`<tr data-queue="${q.stage}"><td>${q.stage}</td>${JOB_STATES.map((s) => html`<td class="n ${s === 'failed' && q.counts[s] > 0 ? 'worse' : ''}" data-state="${s}">${q.counts[s]}</td>`)}</tr>`,
  );
  const failed = m.queues.filter((q) => q.failed.length > 0);
  return html`<section class="card"><h1>${w.queues}</h1><p>${w.queueBackend}: <b id="backend">${m.backend}</b></p>
<div class="scroll"><table class="list queues"><thead><tr><th>${w.queue}</th>${JOB_STATES.map((s) => html`<th class="n" title="${s}">${nameOf(w, s)}</th>`)}</tr></thead><tbody>${counts}</tbody></table></div></section>
<section class="card"><h2>${w.failedJobs}</h2>
${
  failed.length === 0
    ? html`<p class="muted">${w.none}</p>`
    : failed.map(
        (q) => html`<h3>${q.stage} <form class="act inline" data-action="/api/queues/${q.stage}/retry"><button type="submit">${w.retryAll}</button></form></h3>
<div class="scroll"><table class="list failed"><thead><tr><th>${w.jobId}</th><th>${w.reason}</th><th class="n">${w.attempts}</th><th>${w.finished}</th><th></th></tr></thead><tbody>${q.failed.map(
          (j) => html`<tr data-job="${j.id}"><td class="mono">${j.id}</td><td class="clause">${j.failedReason}</td><td class="n">${j.attemptsMade}</td><td class="nowrap">${formatInstant(j.finishedOn === null ? null : new Date(j.finishedOn), ctx.timeZone)}</td><td><form class="act" data-action="/api/queues/${q.stage}/jobs/${encodeURIComponent(j.id)}/retry"><button type="submit">${w.retry}</button></form></td></tr>`,
        )}</tbody></table></div>`,
      )
}
<p class="error" id="action-error" role="alert" hidden></p></section>`;
}
