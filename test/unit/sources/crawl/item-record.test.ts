import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../../../src/config/index.ts';
import { fieldSpecs, itemToRecord } from '../../../../src/sources/crawl/item-record.ts';

const source = sourceSchema.parse({
  id: 'shop',
  channel: 'review',
  startUrls: ['https://shop.example/reviews'],
  item: '.review',
  fields: { text: '.content', rating: { selector: '.stars', attribute: 'class' }, postedAt: '.time', author: '.author', url: { selector: 'a', attribute: 'href' } },
});
const context = { source, pageUrl: 'https://shop.example/reviews?page=2', now: new Date('2026-03-10T01:30:00Z') };

describe('itemToRecord', () => {
  it('reads fields through the transforms, in the source time zone', () => {
    const result = itemToRecord({ text: ' 味道很正宗，就是配送太慢了 ', rating: 'stars star-40', postedAt: '昨天 12:30', author: '张**', url: '/r/9', externalId: 'r-9' }, context);
    expect(result).toEqual({
      ok: true,
      record: {
        channel: 'review',
        source: 'shop',
        text: '味道很正宗，就是配送太慢了',
        author: '张**',
        rating: 4,
        postedAt: '2026-03-09T04:30:00.000Z',
        url: 'https://shop.example/r/9',
        externalId: 'r-9',
        meta: { pageUrl: context.pageUrl },
      },
    });
  });

  it('keeps what a transform cannot read in meta instead of guessing', () => {
    const result = itemToRecord({ text: '好吃', rating: '很好', postedAt: '上个月' }, context);
    expect(result.ok && result.record).toMatchObject({ meta: { ratingRaw: '很好', postedAtRaw: '上个月' } });
    expect(result.ok && result.record.rating).toBeUndefined();
    expect(result.ok && result.record.postedAt).toBeUndefined();
  });

  it('rounds half stars for the 1–5 column and keeps the exact value', () => {
    const result = itemToRecord({ text: '不错', rating: '4.5分' }, context);
    expect(result.ok && result.record).toMatchObject({ rating: 5, meta: { ratingExact: 4.5 } });
  });

  it('derives a stable id from the item URL and text when the page gives none', () => {
    const a = itemToRecord({ text: '好评', url: '/r/1' }, context);
    const again = itemToRecord({ text: '好评', url: '/r/1' }, { ...context, pageUrl: 'https://shop.example/reviews?page=3' });
    const other = itemToRecord({ text: '好评', url: '/r/2' }, context);
    expect(a.ok && a.record.externalId).toMatch(/^h:[0-9a-f]{32}$/);
    expect(again.ok && again.record.externalId).toBe(a.ok && a.record.externalId);
    expect(other.ok && other.record.externalId).not.toBe(a.ok && a.record.externalId);
  });

  it('without an item URL, tells authors apart and ignores which page the item was on', () => {
    const id = (raw: Record<string, string>, pageUrl = context.pageUrl) => {
      const r = itemToRecord(raw, { ...context, pageUrl });
      return r.ok ? r.record.externalId : undefined;
    };
    expect(id({ text: '好评', author: '李' })).toBe(id({ text: '好评', author: '李' }, 'https://shop.example/reviews?page=5'));
    expect(id({ text: '好评', author: '李' })).not.toBe(id({ text: '好评', author: '王' }));
  });

  it('rejects an item without text, naming the field', () => {
    expect(itemToRecord({ text: '  ' }, context)).toEqual({ ok: false, field: 'text', reason: expect.stringMatching(/text selector/) });
    expect(itemToRecord({}, context)).toMatchObject({ ok: false, field: 'text' });
  });

  it('turns field selectors into what the page script reads', () => {
    expect(fieldSpecs(source)).toEqual({
      text: { selector: '.content' },
      rating: { selector: '.stars', attribute: 'class' },
      author: { selector: '.author' },
      postedAt: { selector: '.time' },
      url: { selector: 'a', attribute: 'href' },
    });
  });
});
