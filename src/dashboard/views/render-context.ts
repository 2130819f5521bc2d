import type { Dictionary, Lang } from '../i18n.ts';

/** What every view needs besides its data. */
export interface RenderContext {
  lang: Lang;
  w: Dictionary;
  /** pipeline.timeZone: every date on a page is in it. */
  timeZone: string;
  /** Topic id → label from the taxonomy. */
  labels: ReadonlyMap<string, string>;
  /** Served pages link, drill down and act; a written report (report --html) does none of it. */
  interactive: boolean;
  /** The session's CSRF token, carried by every form that changes something. */
  csrf?: string | undefined;
  /** The page's own path and query (for the language switch). */
  path?: string | undefined;
  /** Root causes or improvements are recorded: the nav links /improvements. */
  improvements?: boolean | undefined;
}

export function topicName(ctx: RenderContext, topic: string): string {
  const label = ctx.labels.get(topic);
  return label ? `${label} ${topic}` : topic;
}

export function percent(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** +25% / −10% / new / —, from (now − before) / before. */
export function changeText(ctx: RenderContext, now: number, before: number): string {
  if (before === 0) return now > 0 ? (ctx.lang === 'en' ? 'new' : '新增') : '—';
  const change = (now - before) / before;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${Math.abs(change * 100).toFixed(0)}%`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
