import { addDays, instantOf, wallTimeAt, type WallTime } from '../../../domain/zoned-time.ts';

/**
 * Dates as Chinese review sites print them, read in the source's time zone relative to `now`:
 * 2026-03-08 17:55, 2026/3/8, 03-08, 03-08 17:55, 2026年3月8日 17:55, 3月8日, 今天 08:00,
 * 昨天 12:30, 前天, 3天前, 5分钟前, 2小时前, 1周前, 2个月前, 刚刚, and ISO 8601 with an offset.
 * Returns an ISO 8601 instant, or undefined when the text is not a date (the caller keeps the raw
 * text). A month-day without a year that would lie in the future is taken as last year's.
 */
export function parseChineseDate(raw: string | undefined, options: { now: Date; timeZone: string }): string | undefined {
  if (!raw) return undefined;
  const text = raw.replace(/\s+/g, ' ').replace(/[：]/g, ':').trim();
  if (text === '') return undefined;
  const { now, timeZone } = options;
  const today = wallTimeAt(now, timeZone);

  // An explicit offset or Z: the site told us the instant.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }

  if (/^(刚刚|刚才|just now)$/i.test(text)) return now.toISOString();

  const ago = /^(\d+)\s*(秒|秒钟|分|分钟|小时|个小时|天|日|周|星期|个月|月|年)前$/.exec(text);
  if (ago) return relative(now, Number(ago[1]), ago[2]!, timeZone);

  // A clock that is there but impossible (24:10) makes the whole text no date, not midnight.
  const time = (s: string | undefined): Clock | undefined | null => (s === undefined ? undefined : (parseClock(s) ?? null));

  const named = /^(今天|昨天|前天)\s*(\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (named) {
    const back = named[1] === '今天' ? 0 : named[1] === '昨天' ? 1 : 2;
    return at(addDays(today, -back), time(named[2]), timeZone);
  }

  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]?(\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(text);
  if (full) return at(dateOf(Number(full[1]), Number(full[2]), Number(full[3])), time(full[4]), timeZone);

  const monthDay = /^(\d{1,2})[-/.月](\d{1,2})日?(?: ?(\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(text);
  if (monthDay) {
    const month = Number(monthDay[1]);
    const day = Number(monthDay[2]);
    const clock = time(monthDay[3]);
    const thisYear = at(dateOf(today.year, month, day), clock, timeZone);
    if (thisYear === undefined) return undefined;
    return Date.parse(thisYear) > now.getTime() ? at(dateOf(today.year - 1, month, day), clock, timeZone) : thisYear;
  }

  const clockOnly = parseClock(text);
  if (clockOnly) return at(today, clockOnly, timeZone);
  return undefined;
}

type Clock = Pick<WallTime, 'hour' | 'minute' | 'second'>;

function parseClock(s: string | undefined): Clock | undefined {
  const m = s ? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s) : null;
  if (!m) return undefined;
  const clock = { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) };
  return clock.hour < 24 && clock.minute < 60 && clock.second < 60 ? clock : undefined;
}

function dateOf(year: number, month: number, day: number): WallTime | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day, hour: 0, minute: 0, second: 0 };
}

function at(date: WallTime | undefined, clock: Clock | undefined | null, timeZone: string): string | undefined {
  if (!date || clock === null) return undefined;
  return instantOf({ ...date, ...(clock ?? { hour: 0, minute: 0, second: 0 }) }, timeZone).toISOString();
}

const UNIT_MS: Record<string, number> = {
  秒: 1_000,
  秒钟: 1_000,
  分: 60_000,
  分钟: 60_000,
  小时: 3_600_000,
  个小时: 3_600_000,
};

function relative(now: Date, n: number, unit: string, timeZone: string): string | undefined {
  const ms = UNIT_MS[unit];
  if (ms !== undefined) return new Date(now.getTime() - n * ms).toISOString();
  // Days and longer are calendar steps in the site's zone (3天前 at 01:00 is three dates back).
  const wall = wallTimeAt(now, timeZone);
  if (unit === '天' || unit === '日') return instantOf(addDays(wall, -n), timeZone).toISOString();
  if (unit === '周' || unit === '星期') return instantOf(addDays(wall, -7 * n), timeZone).toISOString();
  const months = unit === '年' ? 12 * n : n;
  const total = wall.year * 12 + (wall.month - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return instantOf({ ...wall, year, month, day: Math.min(wall.day, lastDay) }, timeZone).toISOString();
}
