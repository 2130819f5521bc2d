import { describe, expect, it } from 'vitest';
import { ingestBatch, ingestRecord, type IngestOptions } from '../../../src/ingest/index.ts';

// A stand-in for the NLP normalizer: full-width to half-width and collapsed whitespace, enough to
// show that ingest applies the injected normalizer before masking and hashing.
const normalize = (s: string) => s.replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/gu, ' ');
const options: IngestOptions = { normalize, maskPersonalData: true, timeZone: 'Asia/Shanghai' };

describe('ingestRecord', () => {
  it('validates, normalizes, masks and derives ids', () => {
    const r = ingestRecord(
      { channel: 'review', source: 'shop', text: '味道正宗，电话１３８１２３４５６７８', rating: '4星', postedAt: '2026-11-03 18:22:05', region: '成都', segment: 'VIP' },
      { file: 'a.csv', line: 2 },
      options,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.item.text).toBe('味道正宗,电话[手机号]');
    expect(r.item.rating).toBe(4);
    expect(r.item.postedAt).toBe('2026-11-03T10:22:05.000Z');
    expect(r.item.externalId).toMatch(/^h-[0-9a-f]{32}$/);
    expect(r.item.contentHash).toMatch(/^[0-9a-f]{32}$/);
    expect(r.item).toMatchObject({ region: '成都', segment: 'VIP', meta: {} });
  });

  it('keeps personal data when masking is off', () => {
    const r = ingestRecord({ channel: 'review', source: 's', text: '打13812345678' }, {}, { ...options, maskPersonalData: false });
    expect(r.ok && r.item.text).toBe('打13812345678');
  });

  it('gives the same record the same id, and records that differ in anything else different ids', () => {
    const id = (extra: object) => {
      const r = ingestRecord({ channel: 'review', source: 's', text: '好评', ...extra }, {}, options);
      return r.ok ? r.item.externalId : undefined;
    };
    expect(id({ author: 'a' })).toBe(id({ author: 'a' }));
    expect(id({ author: 'a' })).not.toBe(id({ author: 'b' }));
    expect(id({ postedAt: '2026-11-03' })).not.toBe(id({ postedAt: '2026-11-04' }));
    expect(id({ externalId: 42 })).toBe('42');
  });

  it('rejects with the reason, the field and the line, and masks the raw record', () => {
    const r = ingestRecord({ channel: 'review', source: 's', text: '一般 13812345678', rating: '十分' }, { file: 'x.csv', line: 7 }, options);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection).toMatchObject({ reason: 'invalid_rating', field: 'rating', file: 'x.csv', line: 7, source: 's' });
    expect(r.rejection.message).toMatch(/十分/);
    expect(r.rejection.raw).toContain('[手机号]');
    expect(r.rejection.raw).not.toContain('13812345678');

    const empty = ingestRecord({ channel: 'review', source: 's', text: '   ' }, { line: 3 }, options);
    expect(!empty.ok && empty.rejection).toMatchObject({ reason: 'missing_text', field: 'text', line: 3 });
    const date = ingestRecord({ channel: 'review', source: 's', text: '好', postedAt: 'yesterday' }, {}, options);
    expect(!date.ok && date.rejection).toMatchObject({ reason: 'invalid_posted_at', field: 'posted_at' });
  });

  it('analyses only customer turns of a chat, joined so clauses do not merge', () => {
    const r = ingestRecord(
      {
        channel: 'chat',
        source: 'kf',
        externalId: 's1',
        turns: [
          { role: '客户', content: '饺子到了都化了', time: '2026-11-03 09:00:00' },
          { role: 'agent', text: '非常抱歉，给您补发' },
          { from: 'customer', text: '好的谢谢！' },
        ],
      },
      {},
      options,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.item.text).toBe('饺子到了都化了。好的谢谢!');
    expect(r.item.postedAt).toBe('2026-11-03T01:00:00.000Z');
    expect(r.item.meta.turns).toHaveLength(3);
  });

  it('rejects a chat without customer text and a turn with an unknown role', () => {
    const none = ingestRecord({ channel: 'chat', source: 'kf', turns: [{ role: 'agent', text: '您好' }] }, {}, options);
    expect(!none.ok && none.rejection.reason).toBe('missing_text');
    const role = ingestRecord({ channel: 'chat', source: 'kf', turns: [{ role: 'boss', text: '您好' }] }, {}, options);
    expect(!role.ok && role.rejection).toMatchObject({ reason: 'invalid_turns', field: 'turns.0.role' });
  });

  it('keeps social counters in meta as numbers', () => {
    const r = ingestRecord({ channel: 'social', source: 'weibo', text: '冰袋都化了', meta: { platform: 'weibo', likes: '1.2万', reposts: '30' } }, {}, options);
    expect(r.ok && r.item.meta).toEqual({ platform: 'weibo', likes: 12_000, reposts: 30 });
    const bad = ingestRecord({ channel: 'social', source: 'weibo', text: '好', meta: { likes: 'many' } }, {}, options);
    expect(!bad.ok && bad.rejection.field).toBe('likes');
  });

  it('shifts posted_at by whole days without changing the derived id', () => {
    const plain = ingestRecord({ channel: 'review', source: 's', text: '好', postedAt: '2026-11-03T00:00:00Z' }, {}, options);
    const shifted = ingestRecord({ channel: 'review', source: 's', text: '好', postedAt: '2026-11-03T00:00:00Z' }, {}, { ...options, shiftDays: 2 });
    expect(shifted.ok && shifted.item.postedAt).toBe('2026-11-05T00:00:00.000Z');
    expect(plain.ok && shifted.ok && plain.item.externalId === shifted.item.externalId).toBe(true);
  });
});

describe('ingestBatch', () => {
  it('keeps repeats for the ingest job to drop, and rejects bad records alone', () => {
    const r = ingestBatch(
      [
        { record: { channel: 'review', source: 's', externalId: '1', text: '好吃' } },
        { record: { channel: 'review', source: 's', externalId: '1', text: '好吃' } },
        { record: { channel: 'review', source: 's', externalId: '2', text: '' }, origin: { line: 4 } },
        { record: { channel: 'review', source: 's', externalId: '3', text: '太慢' } },
      ],
      options,
    );
    expect(r.items.map((i) => i.externalId)).toEqual(['1', '1', '3']);
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]).toMatchObject({ line: 4, reason: 'missing_text' });
  });
});
