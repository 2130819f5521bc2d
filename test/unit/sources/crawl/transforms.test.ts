import { describe, expect, it } from 'vitest';
import { parseChineseDate, parseRating } from '../../../../src/sources/crawl/transforms/index.ts';

// 2026-03-10 09:30 in Beijing (UTC+8).
const now = new Date('2026-03-10T01:30:00.000Z');
const shanghai = { now, timeZone: 'Asia/Shanghai' };

describe('parseChineseDate', () => {
  it.each([
    ['2026-03-08 17:55', '2026-03-08T09:55:00.000Z'],
    ['2026-03-08 17:55:12', '2026-03-08T09:55:12.000Z'],
    ['2026/3/8', '2026-03-07T16:00:00.000Z'],
    ['2026.03.08 08:05', '2026-03-08T00:05:00.000Z'],
    ['2026年3月8日', '2026-03-07T16:00:00.000Z'],
    ['2026年3月8日 17:55', '2026-03-08T09:55:00.000Z'],
    ['03-08', '2026-03-07T16:00:00.000Z'],
    ['03-08 17:55', '2026-03-08T09:55:00.000Z'],
    ['3月8日', '2026-03-07T16:00:00.000Z'],
    ['今天 08:00', '2026-03-10T00:00:00.000Z'],
    ['昨天 12:30', '2026-03-09T04:30:00.000Z'],
    ['昨天12：30', '2026-03-09T04:30:00.000Z'],
    ['前天', '2026-03-07T16:00:00.000Z'],
    ['刚刚', '2026-03-10T01:30:00.000Z'],
    ['5分钟前', '2026-03-10T01:25:00.000Z'],
    ['2小时前', '2026-03-09T23:30:00.000Z'],
    ['30秒前', '2026-03-10T01:29:30.000Z'],
    ['3天前', '2026-03-07T01:30:00.000Z'],
    ['1周前', '2026-03-03T01:30:00.000Z'],
    ['2个月前', '2026-01-10T01:30:00.000Z'],
    ['2026-03-08T09:55:00Z', '2026-03-08T09:55:00.000Z'],
    ['2026-03-08T17:55:00+08:00', '2026-03-08T09:55:00.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(parseChineseDate(raw, shanghai)).toBe(iso);
  });

  it('reads the same words in another zone', () => {
    expect(parseChineseDate('2026-03-08 17:55', { now, timeZone: 'UTC' })).toBe('2026-03-08T17:55:00.000Z');
    // 21:30 on the 9th in New York, daylight time since the 8th: yesterday 12:30 is UTC-4.
    expect(parseChineseDate('昨天 12:30', { now, timeZone: 'America/New_York' })).toBe('2026-03-08T16:30:00.000Z');
  });

  it('takes "yesterday" in the site zone when the server date differs', () => {
    // 00:30 on the 10th in Beijing is still the 9th in UTC: 昨天 is the 9th Beijing time.
    const earlyMorning = new Date('2026-03-09T16:30:00.000Z');
    expect(parseChineseDate('昨天 23:00', { now: earlyMorning, timeZone: 'Asia/Shanghai' })).toBe('2026-03-09T15:00:00.000Z');
  });

  it('puts a month-day that would be in the future into last year', () => {
    expect(parseChineseDate('12-31 23:00', shanghai)).toBe('2025-12-31T15:00:00.000Z');
  });

  it.each(['', '  ', '很好吃', '2026-13-01', '02-30', '25:00', '昨天 24:10', 'abc前'])('returns undefined for %j', (raw) => {
    expect(parseChineseDate(raw, shanghai)).toBeUndefined();
  });
});

describe('parseRating', () => {
  it.each([
    ['4星', 4],
    ['5 星', 5],
    ['4.5分', 4.5],
    ['评分：3', 3],
    ['★★★★☆', 4],
    ['★★☆☆☆', 2],
    ['4/5', 4],
    ['8/10', 4],
    ['Rated 3 out of 5', 3],
    ['80%', 4],
    ['star-40', 4],
    ['stars star-45 big', 4.5],
    ['rating-4', 4],
    ['rate_5', 5],
    ['sml-rank-stars sml-str30', 3],
    ['1 star', 1],
  ])('%s → %s', (raw, value) => {
    expect(parseRating(raw)).toBe(value);
  });

  it.each(['', '好评', '0星', '6/5', 'star-90', 'stars', '12分'])('returns undefined for %j', (raw) => {
    expect(parseRating(raw)).toBeUndefined();
  });
});
