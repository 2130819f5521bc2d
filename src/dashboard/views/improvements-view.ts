import { formatScope } from '../../domain/index.ts';
import { FISHBONE_NAMES } from '../../root-causes/fishbone.ts';
import { html, query, type Html } from '../html.ts';
import { nameOf } from '../i18n.ts';
import type { ImprovementsModel } from '../read/improvements.ts';
import { topicName, type RenderContext } from './render-context.ts';

const pp = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)} pp`);
const pText = (p: number | null) => (p === null ? '—' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function topicCell(ctx: RenderContext, topic: string): Html {
  return html`<a href="/topics/${encodeURIComponent(topic)}${query({ polarity: 'negative', lang: ctx.lang })}">${topicName(ctx, topic)}</a>`;
}

function rootCausesCard(ctx: RenderContext, m: ImprovementsModel): Html {
  const { w } = ctx;
  if (m.rootCauses.length === 0) return html`<section class="card"><h2>${w.rootCauses}</h2><p class="muted">${w.none}</p></section>`;
  const rows = m.rootCauses.map(
    (r) => html`<tr data-root-cause="${r.id}"><td class="n">${r.id}</td><td>${topicCell(ctx, r.topic)}</td><td><ol class="whys">${r.whys.map((why) => html`<li>${why}</li>`)}</ol></td><td>${
      r.category ? `${r.category}${ctx.lang === 'en' ? ` (${FISHBONE_NAMES[r.category]})` : ''}` : '—'
    }</td><td>${formatScope(r.scope) || '—'}</td><td>${r.owner ?? '—'}</td><td class="n cases">${r.cases}</td><td class="n">${r.recurred}</td></tr>`,
  );
  return html`<section class="card"><h2>${w.rootCauses}</h2><div class="scroll"><table class="list root-causes"><thead><tr><th>#</th><th>${w.topic}</th><th>${w.whyChain}</th><th>${w.category}</th><th>${w.scope}</th><th>${w.owner}</th><th class="n">${w.caseCountShort}</th><th class="n">${w.recurred}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function improvementsCard(ctx: RenderContext, m: ImprovementsModel): Html {
  const { w } = ctx;
  if (m.improvements.length === 0) return html`<section class="card"><h2>${w.improvementList}</h2><p class="muted">${w.none}</p></section>`;
  const rows = m.improvements.map(
    (i) => html`<tr data-improvement="${i.id}" data-verdict="${i.verdict ?? ''}"><td class="n">${i.id}</td><td>${topicCell(ctx, i.topic)}</td><td>${i.action}</td><td class="nowrap">${i.startDate}</td><td>${nameOf(w, i.status)}</td><td class="nowrap">${formatScope(i.pilot)}</td><td>${i.control ? formatScope(i.control) : '—'}</td><td>${i.owner ?? '—'}</td><td class="n nowrap effect">${pp(i.effect)}</td><td class="n nowrap">${
      i.ci95 ? `[${pp(i.ci95[0])}, ${pp(i.ci95[1])}]` : '—'
    }</td><td class="n">${pText(i.pValue)}</td><td class="n">${i.mde === null ? '—' : `${(i.mde * 100).toFixed(1)} pp`}</td><td class="nowrap"><span class="verdict ${i.verdict ?? ''}">${i.verdict ? nameOf(w, i.verdict) : w.insufficient}</span></td></tr>`,
  );
  return html`<section class="card"><h2>${w.improvementList}</h2><div class="scroll"><table class="list improvements"><thead><tr><th>#</th><th>${w.topic}</th><th>${w.action}</th><th>${w.start}</th><th>${w.status}</th><th>${w.pilot}</th><th>${w.control}</th><th>${w.owner}</th><th class="n">${w.effect}</th><th class="n">${w.ci95}</th><th class="n">p</th><th class="n">${w.mde}</th><th>${w.verdict}</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="muted">${w.effectNote}</p></section>`;
}

export function improvementsView(ctx: RenderContext, m: ImprovementsModel): Html {
  return html`<h1 class="page-title">${ctx.w.improvements}</h1>${rootCausesCard(ctx, m)}${improvementsCard(ctx, m)}`;
}
