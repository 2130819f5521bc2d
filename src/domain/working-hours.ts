import { DEFAULT_TIME_ZONE } from './time-zone.ts';

/** Working hours and the calendar of working days: what `delivery.workingHours` configures. */

export const CALENDARS = ['mainland', 'weekdays'] as const;
export type CalendarName = (typeof CALENDARS)[number];

export interface WorkingHoursConfig {
  /** "HH:MM", local time. */
  start: string;
  end: string;
  timeZone: string;
  calendar: CalendarName;
}

export const DEFAULT_WORKING_HOURS: WorkingHoursConfig = { start: '09:00', end: '18:00', timeZone: DEFAULT_TIME_ZONE, calendar: 'mainland' };

/** Minutes since midnight of an "HH:MM" time of day; a RangeError names a malformed one. */
export function minutesOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`"${hhmm}" is not a time of day (HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}
