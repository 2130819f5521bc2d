import { addDays } from '../../domain/period.ts';
import { html, query, trusted, type Html } from '../html.ts';
import type { HeatmapModel } from '../read/heatmap.ts';
import { MIN_BUCKET_MENTIONS, POLARITIES, SLICE_DIMENSIONS } from '../slices.ts';
import { percent, topicName, type RenderContext } from './render-context.ts';

/** Colour classes of a cell, by share of the column: 1 (lowest) … LEVELS (the map's highest). */
const LEVELS = 5;

function level(share: number, max: number): number {
  if (share <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(LEVELS, Math.ceil((share / max) * LEVELS)));
}

/** The largest share among full buckets with enough mentions: the top of the colour scale. */
function scaleTop(m: HeatmapModel): number {
  let max = 0;
  m.share.forEach((row) =>
    row.forEach((s, b) => {
      const bucket = m.buckets[b]!;
      if (s !== null && !bucket.partial && bucket.total >= MIN_BUCKET_MENTIONS) max = Math.max(max, s);
    }),
  );
  return max;
}

function legend(ctx: RenderContext, m: HeatmapModel, max: number): Html {
  const steps = Array.from({ length: LEVELS }, (_, i) => i + 1);
  return html`<div class="legend" aria-label="${ctx.w.legend}"><span class="legend-title">${ctx.w.legend} (${ctx.w.share}):</span>
${max === 0 ? '' : steps.map((l) => html`<span class="swatch ${m.polarity} heat-${l}"></span><span>${percent(((l - 1) / LEVELS) * max)}–${percent((l / LEVELS) * max)}</span>`)}
<span class="swatch partial"></span><span>${ctx.w.partial}</span>
<span class="swatch thin"></span><span>n &lt; ${MIN_BUCKET_MENTIONS}: ${ctx.w.insufficient}</span></div>`;
}

function controls(ctx: RenderContext, m: HeatmapModel): Html {
  const { w } = ctx;
  const dimLabel = (d: string) => (w as unknown as Record<string, string>)[d] ?? d;
  const sel = (on: boolean) => (on ? trusted(' selected') : '');
  return html`<form class="controls" method="get" action="/heatmap" data-autosubmit>
<label>${w.polarity} <select name="polarity">${POLARITIES.map((p) => html`<option value="${p}"${sel(p === m.polarity)}>${w[p]}</option>`)}</select></label>
<label>${w.grain} <select name="grain"><option value="week"${sel(m.grain === 'week')}>${w.week}</option><option value="day"${sel(m.grain === 'day')}>${w.day}</option></select></label>
<label>${w.sliceBy} <select name="by"><option value="">${w.all}</option>${SLICE_DIMENSIONS.map((d) => html`<option value="${d}"${sel(d === m.slice.dimension)}>${dimLabel(d)}</option>`)}</select></label>
${
  m.slice.dimension
    ? html`<label>${dimLabel(m.slice.dimension)} <select name="value"><option value="">${w.anyValue}</option>${m.sliceValues.map(
        (v) => html`<option value="${v.value === '' ? '(none)' : v.value}"${sel(v.value === m.slice.value)}>${v.value || w.emptyValue} (${v.items})</option>`,
      )}</select></label>`
    : ''
}
<input type="hidden" name="lang" value="${ctx.lang}">
<button type="submit">${w.apply}</button>
</form>`;
}

/** The heatmap: topics × weeks (or days), count and share in each cell, a legend, partial columns marked. */
export function heatmapView(ctx: RenderContext, m: HeatmapModel): Html {
  const { w } = ctx;
  const max = scaleTop(m);
  const sliceValue = m.slice.value === '' ? '(none)' : m.slice.value;
  const head = m.buckets.map(
    (b) => html`<th scope="col" class="${b.partial ? 'partial' : ''}" title="${b.start} – ${b.end}">${b.label}<br><span class="n">n=${b.total}</span>${
      b.partial ? html`<br><span class="tag">${w.partialShort}</span>` : ''
    }</th>`,
  );
  const rows = m.topics.map((topic, t) => {
    const cells = m.buckets.map((b, k) => {
      const n = m.mentions[t]![k]!;
      const share = m.share[t]![k];
      const thin = b.total < MIN_BUCKET_MENTIONS;
      const cls = b.partial ? 'partial' : thin ? 'thin' : `${m.polarity} heat-${level(share ?? 0, max)}`;
      const content = n > 0 ? html`<b>${n}</b><small>${percent(share)}</small>` : html`<small class="zero">0</small>`;
      const href = `/topics/${encodeURIComponent(topic)}${query({ from: b.start, to: addDays(b.end, -1), polarity: m.polarity, by: m.slice.dimension, value: sliceValue, lang: ctx.lang })}`;
      return html`<td class="${cls}" data-topic="${topic}" data-bucket="${b.start}" data-mentions="${n}" title="${topicName(ctx, topic)} ${b.start}: ${n} ${w.mentions}, ${percent(share, 1)}">${
        ctx.interactive && n > 0 ? html`<a href="${href}">${content}</a>` : content
      }</td>`;
    });
    const name = ctx.interactive
      ? html`<a href="/topics/${encodeURIComponent(topic)}${query({ polarity: m.polarity, lang: ctx.lang })}">${topicName(ctx, topic)}</a>`
      : topicName(ctx, topic);
    return html`<tr><th scope="row" class="topic">${name}</th>${cells}</tr>`;
  });
  const sliceNote = m.slice.dimension
    ? html` · ${(w as unknown as Record<string, string>)[m.slice.dimension]}: ${m.slice.value === null ? w.anyValue : m.slice.value || w.emptyValue}`
    : '';
  return html`<section class="card heatmap-card">
<h2>${w.heatmap}: ${w[m.polarity]} · ${m.since} – ${addDays(m.until, -1)}${sliceNote}</h2>
${ctx.interactive ? controls(ctx, m) : ''}
${
  m.topics.length === 0
    ? html`<p class="muted">${w.none}</p>`
    : html`<div class="scroll"><table class="heat" data-polarity="${m.polarity}"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
}
${legend(ctx, m, max)}
<p class="muted">${w.heatmapNote(MIN_BUCKET_MENTIONS)}${ctx.interactive ? ` ${w.clickForEvidence}` : ''}</p>
</section>`;
}
