import { SEVERITIES, type Severity } from '../nlp/types.ts';
import { workingCalendar, type WorkingCalendar } from './working-calendar.ts';
import { parseDeadline, type Deadline, type DeadlineSpec } from '../domain/deadlines.ts';
import type { WorkingHoursConfig } from '../domain/working-hours.ts';

const HOUR = 3_600_000;

/** How `delivery.deadlines`, `deadlineHours` and `workingHours` make a case's due time (specs parsed by `parseDeadline`). */
export interface DeadlineConfig {
  deadlineHours: Readonly<Record<Severity, number>>;
  deadlines?: Readonly<Partial<Record<Severity, DeadlineSpec>>> | undefined;
  workingHours: WorkingHoursConfig;
}

export interface CaseDeadlines {
  /** When a case of this severity opened at `from` must be answered. */
  dueAt(severity: Severity, from: Date): Date;
  /** Hours from `now` to each severity's deadline: what the store statement adds to its now(). */
  hoursFrom(now: Date): Record<Severity, number>;
  readonly calendar: WorkingCalendar;
}

export function caseDeadlines(config: DeadlineConfig): CaseDeadlines {
  const calendar = workingCalendar(config.workingHours);
  const bySeverity = {} as Record<Severity, Deadline>;
  for (const s of SEVERITIES) {
    const parsed = parseDeadline(config.deadlines?.[s] ?? config.deadlineHours[s]);
    if (typeof parsed === 'string') throw new RangeError(`delivery.deadlines.${s}: ${parsed}`);
    bySeverity[s] = parsed;
  }
  const dueAt = (severity: Severity, from: Date): Date => {
    const d = bySeverity[severity];
    if (d.kind === 'calendar') return new Date(from.getTime() + d.ms);
    return calendar.addWorkingTime(from, d.kind === 'working' ? d.ms : d.days * calendar.hoursPerDay * HOUR);
  };
  return {
    calendar,
    dueAt,
    hoursFrom(now) {
      const out = {} as Record<Severity, number>;
      for (const s of SEVERITIES) out[s] = (dueAt(s, now).getTime() - now.getTime()) / HOUR;
      return out;
    },
  };
}
