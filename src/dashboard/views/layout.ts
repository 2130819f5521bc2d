import { html, query, trusted, type Html } from '../html.ts';
import type { RenderContext } from './render-context.ts';

export type Section = 'overview' | 'heatmap' | 'topic' | 'cases' | 'improvements' | 'queues';

/** Assets a page links (served) or carries inside itself (a written report). */
export type PageAssets = { kind: 'linked' } | { kind: 'inline'; css: string };

function languageSwitch(ctx: RenderContext): Html {
  const url = new URL(ctx.path ?? '/', 'http://x');
  url.searchParams.set('lang', ctx.lang === 'en' ? 'zh' : 'en');
  return html`<a class="lang" href="${url.pathname + url.search}">${ctx.w.switchLang}</a>`;
}

export function layout(ctx: RenderContext, page: { title: string; section: Section | null; body: Html; assets: PageAssets }): Html {
  const { w } = ctx;
  const nav: [Section, string, string][] = [
    ['overview', '/', w.overview],
    ['heatmap', '/heatmap', w.heatmap],
    ['cases', '/cases', w.cases],
    ...(ctx.improvements || page.section === 'improvements' ? [['improvements', '/improvements', w.improvements] as [Section, string, string]] : []),
    ['queues', '/queues', w.queues],
  ];
  const head =
    page.assets.kind === 'linked'
      ? html`<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/echarts.min.js" defer></script>
<script src="/assets/dashboard.js" defer></script>`
      : html`<style>${trusted(page.assets.css)}</style>`;
  const header = ctx.interactive
    ? html`<header class="top"><span class="brand">${w.appName}</span><nav>${nav.map(
        ([s, href, label]) => html`<a href="${href}"${s === page.section ? trusted(' aria-current="page"') : ''}>${label}</a>`,
      )}</nav>${languageSwitch(ctx)}</header>`
    : html`<header class="top"><span class="brand">${w.appName}</span></header>`;
  return html`<!doctype html>
<html lang="${ctx.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${ctx.csrf ? html`<meta name="csrf-token" content="${ctx.csrf}">` : ''}
<title>${page.title} · ${w.appName}</title>
${head}
</head>
<body>
${header}
<main>
${page.body}
</main>
</body>
</html>
`;
}

/** A chart the page script draws with ECharts from the option carried in the attribute. */
export function chart(option: unknown, className = 'chart'): Html {
  return html`<div class="${className}" data-chart="${JSON.stringify(option)}"></div>`;
}

export function signInPage(ctx: RenderContext, failed: boolean): Html {
  return layout(
    { ...ctx, interactive: false },
    {
      title: ctx.w.signInTitle,
      section: null,
      assets: { kind: 'linked' },
      body: html`<section class="card signin"><h1>${ctx.w.signInTitle}</h1><p>${ctx.w.signInText}</p>${
        failed ? html`<p class="error">${ctx.lang === 'en' ? 'That token is not valid.' : '令牌无效。'}</p>` : ''
      }</section>`,
    },
  );
}

export { query };
