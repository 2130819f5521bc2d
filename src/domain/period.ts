import { PainpointError } from '../errors/index.ts';

/** A reporting window of whole days, [since, until), and the window of the same length before it. */
export interface ReportPeriod {
  since: string;
  until: string;
  days: number;
  previousSince: string;
}

const DAY_MS = 86_400_000;

/** Whole-day arithmetic on a YYYY-MM-DD date (the tallies' days are already in pipeline.timeZone). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of a date's ISO week. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Today's date in a time zone, as YYYY-MM-DD (the tallies' `day` is in the same zone). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * `--since`: `30d`, `8w` (weeks), or a date `2026-03-01`. The period runs to the end of today and
 * includes it: `7d` is today and the six days before.
 */
export function parsePeriod(since: string, today: string): ReportPeriod {
  const until = addDays(today, 1);
  let start: string;
  const relative = /^(\d{1,4})([dw])$/.exec(since.trim());
  if (relative) {
    const n = Number(relative[1]) * (relative[2] === 'w' ? 7 : 1);
    if (n < 1) throw new PainpointError('REPORT_PERIOD_INVALID', `--since ${since}: the period must be at least one day`);
    start = addDays(until, -n);
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(since.trim())) {
    start = since.trim();
    // 2026-02-30 parses (as 2 March): only a day that survives the round trip is on the calendar.
    const parsed = Date.parse(`${start}T00:00:00Z`);
    if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== start) {
      throw new PainpointError('REPORT_PERIOD_INVALID', `--since ${since}: there is no such day; give a date on the calendar (2026-02-28) or a number of days or weeks (30d, 8w)`);
    }
    if (start >= until) throw new PainpointError('REPORT_PERIOD_INVALID', `--since ${since}: the date is after today (${today})`);
  } else {
    throw new PainpointError('REPORT_PERIOD_INVALID', `--since ${since}: expected a number of days or weeks (30d, 8w) or a date (2026-03-01)`);
  }
  const days = Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);
  return { since: start, until, days, previousSince: addDays(start, -days) };
}

/** The last day of a period that ends (exclusive) at `until`. */
export function lastDay(until: string): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}
