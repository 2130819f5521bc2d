import { describe, expect, it } from 'vitest';
import { parsePeriod, todayIn } from '../../../src/domain/period.ts';

describe('parsePeriod', () => {
  it('takes days including today, and the same length before', () => {
    expect(parsePeriod('7d', '2026-03-10')).toEqual({ since: '2026-03-04', until: '2026-03-11', days: 7, previousSince: '2026-02-25' });
  });

  it('takes weeks and start dates, across month ends', () => {
    expect(parsePeriod('2w', '2026-03-01')).toMatchObject({ since: '2026-02-16', until: '2026-03-02', days: 14 });
    expect(parsePeriod('2026-02-27', '2026-03-01')).toEqual({ since: '2026-02-27', until: '2026-03-02', days: 3, previousSince: '2026-02-24' });
  });

  it('names the flag and what it expects on nonsense', () => {
    expect(() => parsePeriod('a month', '2026-03-01')).toThrow(/--since a month: expected a number of days or weeks/);
    expect(() => parsePeriod('0d', '2026-03-01')).toThrow(/at least one day/);
    expect(() => parsePeriod('2026-04-01', '2026-03-01')).toThrow(/after today/);
    expect(() => parsePeriod('2026-02-30', '2026-03-10')).toThrow(/2026-02-30: there is no such day/);
    expect(() => parsePeriod('2026-13-01', '2026-03-10')).toThrow(/no such day/);
  });
});

describe('todayIn', () => {
  it('is the date in the given zone, not in UTC', () => {
    const lateEvening = new Date('2026-03-01T20:00:00Z');
    expect(todayIn('Asia/Shanghai', lateEvening)).toBe('2026-03-02');
    expect(todayIn('UTC', lateEvening)).toBe('2026-03-01');
  });
});
