import chineseDays from 'chinese-days';
import { addDays, instantOf, wallTimeAt, type WallTime } from '../domain/zoned-time.ts';
import { DEFAULT_WORKING_HOURS, minutesOfDay, type CalendarName, type WorkingHoursConfig } from '../domain/working-hours.ts';

/**
 * Working time for case deadlines and response measures: working days of the mainland calendar
 * (public holidays off, 调休 make-up days on, from the maintained `chinese-days` package) or plain
 * Monday–Friday, and working hours in a time zone. One working day is `end − start` hours of
 * working time, so "1 workday" from Friday 16:00 before a three-day holiday, with 09:00–18:00,
 * ends on Tuesday at 16:00.
 */

export interface WorkingCalendar {
  /** Working hours in one working day. */
  readonly hoursPerDay: number;
  isWorkday(day: WallTime): boolean;
  /** The instant `ms` of working time after `from`. */
  addWorkingTime(from: Date, ms: number): Date;
  /** Working milliseconds between two instants (0 when `to` is not after `from`). */
  workingMsBetween(from: Date, to: Date): number;
}

/** No case waits more than ten years; the day loops stop there whatever the input. */
const MAX_DAYS = 3660;

function isoDay(day: WallTime): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

const calendars: Record<CalendarName, (day: WallTime) => boolean> = {
  mainland: (day) => chineseDays.isWorkday(isoDay(day)),
  weekdays: (day) => {
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  },
};

export function workingCalendar(config: WorkingHoursConfig = DEFAULT_WORKING_HOURS): WorkingCalendar {
  const startMin = minutesOfDay(config.start);
  const endMin = minutesOfDay(config.end);
  if (endMin <= startMin) throw new RangeError(`working hours end (${config.end}) must be after their start (${config.start})`);
  const { timeZone } = config;
  const isWorkday = calendars[config.calendar];
  const at = (day: WallTime, minutes: number) => instantOf({ ...day, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 }, timeZone).getTime();
  const dayOf = (instant: Date): WallTime => ({ ...wallTimeAt(instant, timeZone), hour: 0, minute: 0, second: 0 });

  return {
    hoursPerDay: (endMin - startMin) / 60,
    isWorkday,
    addWorkingTime(from, ms) {
      if (!(ms > 0)) return from;
      let left = ms;
      let day = dayOf(from);
      for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
        if (!isWorkday(day)) continue;
        const open = Math.max(at(day, startMin), from.getTime());
        const close = at(day, endMin);
        if (open >= close) continue;
        if (left <= close - open) return new Date(open + left);
        left -= close - open;
      }
      throw new RangeError(`no end of ${ms / 3_600_000} working hours within ${MAX_DAYS} days of ${from.toISOString()}`);
    },
    workingMsBetween(from, to) {
      let total = 0;
      let day = dayOf(from);
      const last = dayOf(to);
      for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
        if (isWorkday(day)) {
          const open = Math.max(at(day, startMin), from.getTime());
          const close = Math.min(at(day, endMin), to.getTime());
          if (close > open) total += close - open;
        }
        if (day.year === last.year && day.month === last.month && day.day === last.day) break;
      }
      return total;
    },
  };
}
