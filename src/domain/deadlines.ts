import type { Severity } from '../nlp/types.ts';

/** Hours from an alert's creation to its response deadline, per severity, where the config sets none. */
export const DEFAULT_DEADLINE_HOURS: Readonly<Record<Severity, number>> = { critical: 1, high: 4, medium: 24, low: 24 };

/**
 * A case's response deadline per severity (config `delivery.deadlines`): "4h" / "30m" of calendar
 * time, or "1 workday" / "6 workhours" of working time (the mainland calendar and working hours of
 * `delivery.workingHours`). A bare number is hours, as in the older `delivery.deadlineHours`, which
 * still applies to any severity `deadlines` leaves out.
 */

export type DeadlineSpec = string | number;

export type Deadline = { kind: 'calendar'; ms: number } | { kind: 'working'; ms: number } | { kind: 'workdays'; days: number };

const HOUR = 3_600_000;
const PATTERN = /^(\d+(?:\.\d+)?)\s*(h|hours?|m|min|minutes?|workdays?|working days?|workhours?|working hours?)$/i;

/** The deadline a spec names, or a sentence saying what is wrong with it. */
export function parseDeadline(spec: DeadlineSpec): Deadline | string {
  if (typeof spec === 'number') return spec > 0 && Number.isFinite(spec) ? { kind: 'calendar', ms: spec * HOUR } : `${spec} hours is not a positive duration`;
  const m = PATTERN.exec(spec.trim());
  if (!m) return `"${spec}" is not a deadline: write e.g. "4h", "30m", "1 workday" or "6 workhours"`;
  const n = Number(m[1]);
  if (!(n > 0)) return `"${spec}" is not a positive duration`;
  const unit = m[2]!.toLowerCase();
  if (unit.startsWith('workday') || unit.startsWith('working day')) return { kind: 'workdays', days: n };
  if (unit.startsWith('workhour') || unit.startsWith('working hour')) return { kind: 'working', ms: n * HOUR };
  return { kind: 'calendar', ms: unit.startsWith('m') ? n * 60_000 : n * HOUR };
}
