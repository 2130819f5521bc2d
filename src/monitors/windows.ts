import { addDays, mondayOf, todayIn } from '../domain/period.ts';

/** Whole days [from, to) in the pipeline's zone, as the tallies' `day` is. */
export interface Window {
  from: string;
  to: string;
}

export type WindowKind = 'day' | 'week';

/** The most recent complete window before `at`: yesterday, or the week (Monday–Sunday) before this one. */
export function lastCompleteWindow(at: Date, kind: WindowKind, timeZone: string): Window {
  const today = todayIn(timeZone, at);
  if (kind === 'day') return { from: addDays(today, -1), to: today };
  const monday = mondayOf(today);
  return { from: addDays(monday, -7), to: monday };
}

/** The `count` windows before `w`, oldest first. */
export function windowsBefore(w: Window, kind: WindowKind, count: number): Window[] {
  const len = kind === 'day' ? 1 : 7;
  return Array.from({ length: count }, (_, i) => ({ from: addDays(w.from, -(count - i) * len), to: addDays(w.from, -(count - i - 1) * len) }));
}

/** `--at`: a date (YYYY-MM-DD, taken as its start in the zone's calendar) or an ISO timestamp. */
export function parseAt(value: string | undefined, timeZone: string, now = new Date()): Date {
  if (value === undefined) return now;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`))) {
    // Noon UTC falls on the same calendar date in every zone painpoint is used in (UTC−11…UTC+11).
    const noon = new Date(`${v}T12:00:00Z`);
    return todayIn(timeZone, noon) === v ? noon : new Date(`${v}T00:00:00Z`);
  }
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new RangeError(`"${value}" is not a date (expected 2026-11-16 or an ISO timestamp)`);
  return new Date(t);
}
