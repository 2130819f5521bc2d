import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../../src/cases/working-calendar.ts';
import { caseDeadlines } from '../../../src/cases/deadlines.ts';
import { parseDeadline } from '../../../src/domain/index.ts';

const HOUR = 3_600_000;
const beijing = (s: string) => new Date(`${s}+08:00`);
const calendar = workingCalendar({ start: '09:00', end: '18:00', timeZone: 'Asia/Shanghai', calendar: 'mainland' });

describe('working calendar (mainland, 09:00–18:00 Beijing time)', () => {
  it('skips the 端午 holiday: Friday 2025-05-30 16:00 plus one working day is Tuesday 2025-06-03 16:00', () => {
    expect(calendar.addWorkingTime(beijing('2025-05-30T16:00:00'), 9 * HOUR)).toEqual(beijing('2025-06-03T16:00:00'));
  });

  it('starts a Friday-evening case at the next working morning', () => {
    expect(calendar.addWorkingTime(beijing('2025-05-30T19:30:00'), 9 * HOUR)).toEqual(beijing('2025-06-03T18:00:00'));
    expect(calendar.addWorkingTime(beijing('2025-05-30T19:30:00'), 1 * HOUR)).toEqual(beijing('2025-06-03T10:00:00'));
  });

  it('works the 调休 make-up Saturday 2026-10-10 after National Day', () => {
    // 2026-10-01 … 10-07 off; 10-08 and 10-09 worked; Saturday 10-10 is a make-up working day.
    expect(calendar.addWorkingTime(beijing('2026-10-09T17:00:00'), 2 * HOUR)).toEqual(beijing('2026-10-10T10:00:00'));
    // A plain weekday calendar would skip to Monday.
    const weekdays = workingCalendar({ start: '09:00', end: '18:00', timeZone: 'Asia/Shanghai', calendar: 'weekdays' });
    expect(weekdays.addWorkingTime(beijing('2026-10-09T17:00:00'), 2 * HOUR)).toEqual(beijing('2026-10-12T10:00:00'));
  });

  it('measures working time between two instants', () => {
    // Friday 16:00 → Tuesday 10:00 across the holiday: 2 h on Friday + 1 h on Tuesday.
    expect(calendar.workingMsBetween(beijing('2025-05-30T16:00:00'), beijing('2025-06-03T10:00:00'))).toBe(3 * HOUR);
    // Resolved on the Friday evening itself: only the two working hours before 18:00 count.
    expect(calendar.workingMsBetween(beijing('2025-05-30T16:00:00'), beijing('2025-05-30T21:45:00'))).toBe(2 * HOUR);
    expect(calendar.workingMsBetween(beijing('2025-05-31T10:00:00'), beijing('2025-06-02T20:00:00'))).toBe(0);
    expect(calendar.workingMsBetween(beijing('2025-06-03T10:00:00'), beijing('2025-06-03T09:00:00'))).toBe(0);
  });

  it('refuses working hours that end before they start', () => {
    expect(() => workingCalendar({ start: '18:00', end: '09:00', timeZone: 'Asia/Shanghai', calendar: 'mainland' })).toThrow(/must be after their start/);
    expect(() => workingCalendar({ start: '9am', end: '18:00', timeZone: 'Asia/Shanghai', calendar: 'mainland' })).toThrow(/not a time of day/);
  });
});

describe('deadlines per severity', () => {
  it('parses calendar and working durations, and says what is wrong', () => {
    expect(parseDeadline('4h')).toEqual({ kind: 'calendar', ms: 4 * HOUR });
    expect(parseDeadline('30m')).toEqual({ kind: 'calendar', ms: 30 * 60_000 });
    expect(parseDeadline('1 workday')).toEqual({ kind: 'workdays', days: 1 });
    expect(parseDeadline('2 workdays')).toEqual({ kind: 'workdays', days: 2 });
    expect(parseDeadline('6 workhours')).toEqual({ kind: 'working', ms: 6 * HOUR });
    expect(parseDeadline(24)).toEqual({ kind: 'calendar', ms: 24 * HOUR });
    expect(parseDeadline('tomorrow')).toMatch(/"tomorrow" is not a deadline/);
    expect(parseDeadline(0)).toMatch(/not a positive duration/);
  });

  it('keeps deadlineHours for severities that deadlines leaves out', () => {
    const d = caseDeadlines({
      deadlineHours: { critical: 1, high: 4, medium: 24, low: 24 },
      deadlines: { low: '1 workday' },
      workingHours: { start: '09:00', end: '18:00', timeZone: 'Asia/Shanghai', calendar: 'mainland' },
    });
    const friday = beijing('2025-05-30T16:00:00');
    expect(d.dueAt('critical', friday)).toEqual(beijing('2025-05-30T17:00:00'));
    expect(d.dueAt('medium', friday)).toEqual(beijing('2025-05-31T16:00:00'));
    expect(d.dueAt('low', friday)).toEqual(beijing('2025-06-03T16:00:00'));
    expect(d.hoursFrom(friday).low).toBe(96);
  });

  it('names the severity of a bad spec', () => {
    expect(() => caseDeadlines({ deadlineHours: { critical: 1, high: 4, medium: 24, low: 24 }, deadlines: { high: 'soon' }, workingHours: { start: '09:00', end: '18:00', timeZone: 'Asia/Shanghai', calendar: 'mainland' } })).toThrow(/delivery\.deadlines\.high: "soon"/);
  });
});
