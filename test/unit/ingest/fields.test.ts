import { describe, expect, it } from 'vitest';
import { parseFieldMap, pickFields } from '../../../src/ingest/fields.ts';
import { recordFromRow } from '../../../src/ingest/from-row.ts';
import { InputError } from '../../../src/errors/index.ts';
import { parseRating } from '../../../src/ingest/rating.ts';
import { parsePostedAt } from '../../../src/ingest/posted-at.ts';

describe('field mapping', () => {
  it('parses --map and names the bad part', () => {
    expect(parseFieldMap('text=评价内容, rating=评分,posted_at=时间')).toEqual({ text: '评价内容', rating: '评分', postedAt: '时间' });
    expect(parseFieldMap('id=编号')).toEqual({ externalId: '编号' });
    expect(() => parseFieldMap('txt=评价')).toThrow(InputError);
    expect(() => parseFieldMap('txt=评价')).toThrow(/unknown target "txt"/);
    expect(() => parseFieldMap('text')).toThrow(/--map/);
  });

  it('recognises the default names case-insensitively and keeps the rest', () => {
    const { fields, rest } = pickFields({ ID: 'a1', Review: '好吃', rating: '', 店铺: '成都店' });
    expect(fields).toEqual({ externalId: 'a1', text: '好吃' });
    expect(rest).toEqual({ 店铺: '成都店' });
  });

  it('builds a social record with platform, likes and reposts in meta', () => {
    const r = recordFromRow({ post_id: 'w1', content: '化了', platform: 'weibo', likes: '12', reposts: 3, tag: 'x' }, { channel: 'social', source: 's' });
    expect(r).toEqual({ channel: 'social', source: 's', externalId: 'w1', text: '化了', meta: { tag: 'x', platform: 'weibo', likes: '12', reposts: 3 } });
  });

  it('uses mapped columns instead of the defaults', () => {
    const r = recordFromRow({ text: 'ignored', 评价内容: '太慢了', 评分: '2星' }, { channel: 'review', source: 's', map: { text: '评价内容', rating: '评分' } });
    expect(r.text).toBe('太慢了');
    expect(r.rating).toBe('2星');
    expect(r.meta).toEqual({ text: 'ignored' });
  });
});

describe('parseRating', () => {
  it.each([
    [4, 4],
    ['5', 5],
    ['4星', 4],
    ['4.5分', 5],
    ['３分', 3],
    ['★★☆☆☆', 2],
    ['8/10', 4],
    ['4 stars', 4],
  ])('%s → %s', (input, expected) => {
    expect(parseRating(input)).toEqual({ ok: true, value: expected });
  });

  it.each([0, 6, '好评', '10分', true])('rejects %s', (input) => {
    expect(parseRating(input).ok).toBe(false);
  });
});

describe('parsePostedAt', () => {
  it('reads wall-clock times in the configured zone', () => {
    expect(parsePostedAt('2026-11-03 18:22:05', 'Asia/Shanghai')).toEqual({ ok: true, value: '2026-11-03T10:22:05.000Z' });
    expect(parsePostedAt('2026/11/3', 'Asia/Shanghai')).toEqual({ ok: true, value: '2026-11-02T16:00:00.000Z' });
    expect(parsePostedAt('2026年11月3日 18:22', 'Asia/Shanghai')).toEqual({ ok: true, value: '2026-11-03T10:22:00.000Z' });
    expect(parsePostedAt('2026-07-01 12:00:00', 'Europe/Berlin')).toEqual({ ok: true, value: '2026-07-01T10:00:00.000Z' });
  });

  it('takes ISO times with a zone and epoch numbers as they are', () => {
    expect(parsePostedAt('2026-11-03T18:22:05+08:00', 'UTC')).toEqual({ ok: true, value: '2026-11-03T10:22:05.000Z' });
    expect(parsePostedAt(1_793_700_000, 'UTC')).toEqual({ ok: true, value: new Date(1_793_700_000_000).toISOString() });
    expect(parsePostedAt('1793700000000', 'UTC')).toEqual({ ok: true, value: new Date(1_793_700_000_000).toISOString() });
  });

  it('rejects what is not a date', () => {
    expect(parsePostedAt('昨天', 'Asia/Shanghai').ok).toBe(false);
    expect(parsePostedAt('2026-02-30', 'Asia/Shanghai').ok).toBe(false);
    expect(parsePostedAt('2026-13-01 10:00', 'Asia/Shanghai').ok).toBe(false);
  });
});
