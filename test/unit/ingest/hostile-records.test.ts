import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordText } from '../../../src/cli/commands/analyze.ts';
import { corpusDir, resolveFromRoot } from '../../../src/config/index.ts';
import { InputError } from '../../../src/errors/index.ts';
import { ingestBatch, ingestRecord, recordFromRow, type IngestOptions } from '../../../src/ingest/index.ts';
import { createHash } from 'node:crypto';
import { schemaFor } from '../../../src/ingest/record-schema.ts';
import { normalize } from '../../../src/nlp/normalize.ts';
import { readRecords } from '../../../src/sources/files/index.ts';
import { checkTextColumn } from '../../../src/sources/importers/index.ts';

const options: IngestOptions = { normalize, maskPersonalData: true, timeZone: 'Asia/Shanghai' };
const rejection = (record: Record<string, unknown>) => {
  const r = ingestRecord({ channel: 'review', source: 's', ...record }, { file: 'f.jsonl', line: 7 }, options);
  return r.ok ? undefined : { reason: r.rejection.reason, field: r.rejection.field, line: r.rejection.line };
};

describe('ingest rejects, with the field, what cannot be stored or would be quoted live', () => {
  it('a NUL or half a character anywhere (text, author, meta values and keys), nesting beyond 32 levels', () => {
    expect(rejection({ text: '含有\u0000空字节' })).toEqual({ reason: 'invalid_characters', field: 'text', line: 7 });
    expect(rejection({ text: '好吃', author: '\ud800x' })).toEqual({ reason: 'invalid_characters', field: 'author', line: 7 });
    expect(rejection({ text: '好吃', meta: { note: ['ok', 'x\udc00'] } })).toEqual({ reason: 'invalid_characters', field: 'meta.note.1', line: 7 });
    expect(rejection({ text: '好吃', meta: { 'a\u0000b': 1 } })).toMatchObject({ reason: 'invalid_characters', field: 'meta.a\u0000b' });
    let deep: unknown = 1;
    for (let i = 0; i < 2000; i++) deep = { a: deep };
    expect(rejection({ text: '好吃', meta: { deep } })).toMatchObject({ reason: 'too_deep' });
    // Characters that exist only once parsed or normalized: JSON escapes in a turns cell, an entity.
    expect(rejection({ text: '好吃&#xD800;' })).toMatchObject({ reason: 'invalid_characters', field: 'text' });
    const turns = JSON.stringify([{ role: 'customer', text: '化了\u0000' }]).replace('\u0000', '\\u0000');
    expect(turns).not.toContain('\u0000');
    const chat = ingestRecord({ channel: 'chat', source: 's', turns }, {}, options);
    expect(!chat.ok && [chat.rejection.reason, chat.rejection.field]).toEqual(['invalid_characters', 'turns']);
    // A pair is one character, not two halves.
    expect(rejection({ text: '好吃😀' })).toBeUndefined();
  });

  it('U+FFFD (a character already lost), markup left open, overlong ids', () => {
    expect(rejection({ text: '好吃\uFFFD' })).toMatchObject({ reason: 'invalid_encoding', field: 'text' });
    expect(rejection({ text: '<img src=x onerror=alert(1) 好吃' })).toMatchObject({ reason: 'markup', field: 'text' });
    expect(rejection({ text: '<x onmouseover=alert(1) 好吃' })).toMatchObject({ reason: 'markup', field: 'text' });
    expect(rejection({ text: 'buy online=cheaper, only=good, 1<2' })).toBeUndefined();
    expect(rejection({ text: '&lt;script&gt;alert(1)&lt;/script&gt;好吃' })).toBeUndefined();
    expect(rejection({ text: '好吃', externalId: 'x'.repeat(501) })).toMatchObject({ reason: 'invalid_id', field: 'id' });
    const chat = ingestRecord({ channel: 'chat', source: 's', turns: [{ role: 'customer', text: '化了<script src=//x.js' }] }, {}, options);
    expect(!chat.ok && chat.rejection.reason).toBe('markup');
  });

  it('a record that makes ingest throw is rejected alone; the batch goes on', () => {
    const throwing = (s: string) => {
      if (s.includes('炸')) throw new Error('boom');
      return s;
    };
    const result = ingestBatch(
      ['好评', '炸了', '不错'].map((text, i) => ({ record: { channel: 'review' as const, source: 's', text }, origin: { file: 'f.csv', line: i + 2 } })),
      { ...options, normalize: throwing },
    );
    expect(result.items.map((i) => i.text)).toEqual(['好评', '不错']);
    expect(result.rejections).toMatchObject([{ reason: 'ingest_failed', message: 'boom', file: 'f.csv', line: 3 }]);
  });
});

describe('derived identity covers the whole record', () => {
  const ids = (rows: Record<string, unknown>[]) =>
    ingestBatch(
      rows.map((row) => ({ record: recordFromRow(row, { channel: 'review', source: 'shop' }) })),
      options,
    ).items.map((i) => i.externalId);

  it('rows that differ only in unmapped columns stay two items; the same row is one', () => {
    const two = ids([
      { sku: 'A1', shop: '北京店', text: '好评' },
      { sku: 'B2', shop: '上海店', text: '好评' },
    ]);
    expect(new Set(two).size).toBe(2);
    // The same row twice (its columns in another order) is one item: one id, which the ingest job keeps once.
    expect(new Set(ids([{ sku: 'A1', shop: '北京店', text: '好评' }, { shop: '北京店', text: '好评', sku: 'A1' }])).size).toBe(1);
  });

  it('where a record was seen and how it was liked do not make it another item', () => {
    const one = ids([{ text: '好评', platform: 'weibo', likes: '3' }])[0];
    expect(ids([{ text: '好评', platform: 'weibo', likes: '300' }])[0]).toBe(one);
    const crawled = (pageUrl: string) => ingestRecord({ channel: 'review', source: 's', text: '好评', meta: { pageUrl } }, {}, options);
    const p1 = crawled('https://x/p1');
    const p2 = crawled('https://x/p2');
    expect(p1.ok && p2.ok && p1.item.externalId === p2.item.externalId).toBe(true);
  });

  it('a record with unmapped columns carries its former id, so an earlier import is found stored', () => {
    const record = recordFromRow({ sku: 'A1', text: '好评', author: '王' }, { channel: 'review', source: 'shop' });
    const r = ingestRecord(record, {}, options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The id as derived before: the hash of the mapped fields alone.
    const v = schemaFor('Asia/Shanghai').parse(record);
    const before = [v.channel, v.text, null, v.author, null, null, null, null, null, null];
    expect(r.item.formerExternalId).toBe(`h-${createHash('sha256').update(JSON.stringify(before)).digest('hex').slice(0, 32)}`);
    expect(r.item.formerExternalId).not.toBe(r.item.externalId);
    const plain = ingestRecord({ channel: 'review', source: 'shop', text: '好评' }, {}, options);
    expect(plain.ok && plain.item.formerExternalId).toBeUndefined();
  });

  it('rows that differ only in a mapped survey or product field stay two items', () => {
    const a = ingestRecord(recordFromRow({ product: 'A1', text: '好评' }, { channel: 'review', source: 'shop' }), {}, options);
    const b = ingestRecord(recordFromRow({ product: 'B2', text: '好评' }, { channel: 'review', source: 'shop' }), {}, options);
    const c = ingestRecord(recordFromRow({ nps: '9', text: '好评' }, { channel: 'review', source: 'shop' }), {}, options);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(new Set([a.item.externalId, b.item.externalId, c.item.externalId]).size).toBe(3);
    // Before these fields were read, their columns were unmapped and the id ignored them: that id is looked up too.
    expect(a.item.formerExternalId).toBe(b.item.formerExternalId);
  });

  // The takeout corpus beside the checkout where it is (../shared/data), else the bundled demo reviews:
  // either way, no two rows of a real export collapse into one item.
  const waimai = path.join(corpusDir(), 'waimai_10k.csv');
  const corpus = fs.existsSync(waimai) ? { file: waimai, rows: 11_987 } : { file: resolveFromRoot('src/demo/samples/reviews.csv'), rows: undefined };
  it(`${path.basename(corpus.file)}: every row is an item of its own${corpus.rows ? ` (${corpus.rows.toLocaleString('en-US')} rows)` : ''}`, async () => {
    const entries = [];
    for await (const r of readRecords(corpus.file)) entries.push({ record: recordFromRow(r.fields, { channel: 'review', source: 'waimai' }) });
    const { items, rejections } = ingestBatch(entries, options);
    if (corpus.rows) expect(entries).toHaveLength(corpus.rows);
    expect(entries.length).toBeGreaterThan(100);
    expect(items.length + rejections.length).toBe(entries.length);
    expect(new Set(items.map((i) => `${i.source}\u0000${i.externalId}`)).size).toBe(items.length);
  });

  it('JSONL ids above 2^53 stay two items', async () => {
    const { Readable } = await import('node:stream');
    const jsonl = '{"id":7234567890123456789,"text":"好吃"}\n{"id":7234567890123456790,"text":"吃完拉肚子了"}\n';
    const entries = [];
    for await (const r of readRecords('-', { stdin: Readable.from([Buffer.from(jsonl)]) })) entries.push({ record: recordFromRow(r.fields, { channel: 'review', source: 'app' }) });
    expect(ingestBatch(entries, options).items.map((i) => i.externalId)).toEqual(['7234567890123456789', '7234567890123456790']);
  });
});

describe('one list of text columns for import and analyze', () => {
  it('`comment` is a text column for both', () => {
    expect(() => checkTextColumn(['id', 'comment'], { file: 'a.csv', channel: 'review' })).not.toThrow();
    expect(recordText({ line: 2, fields: { comment: '好吃' } }, undefined)).toEqual({ text: '好吃' });
  });

  it('a header without a text column is refused, naming the columns and --map text=COLUMN', () => {
    const check = (columns: string[], map?: Record<string, string>) => () => checkTextColumn(columns, { file: 'a.csv', channel: 'review', map });
    expect(check(['编号', '评价内容'])).toThrow(InputError);
    expect(check(['编号', '评价内容'])).toThrow(/a\.csv: no text column: the header has 编号, 评价内容.*--map text=COLUMN/);
    expect(check(['编号', '评价内容'], { text: '评价内容' })).not.toThrow();
    expect(check(['编号', '评价内容'], { text: '内容' })).toThrow(/--map text=内容: no such column/);
  });
});
