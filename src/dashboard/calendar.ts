/** Whole-day arithmetic on YYYY-MM-DD dates (the tallies' days are already in pipeline.timeZone). */

import { addDays, mondayOf } from '../domain/period.ts';

const DAY_MS = 86_400_000;

/** ISO week label, 2026-W46. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export type Grain = 'week' | 'day';

/** A bucket of a grain starting at `start`: its exclusive end, and whether it is partial: [since, until) covers it only in part, or it holds today (until is tomorrow). */
export function bucketOf(start: string, grain: Grain, since: string, until: string): { start: string; end: string; partial: boolean } {
  const end = addDays(start, grain === 'week' ? 7 : 1);
  // A bucket reaching until (tomorrow) holds today, which is still going on.
  return { start, end, partial: start < since || end >= until };
}

/** The buckets of [since, until), oldest first. */
export function bucketsOf(since: string, until: string, grain: Grain): string[] {
  const out: string[] = [];
  for (let d = grain === 'week' ? mondayOf(since) : since; d < until; d = addDays(d, grain === 'week' ? 7 : 1)) out.push(d);
  return out;
}

/** A timestamp as date and time in a zone (2026-11-20 14:05), for display. */
export function formatInstant(at: Date | string | null | undefined, timeZone: string): string {
  if (!at) return '';
  const d = at instanceof Date ? at : new Date(at);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
