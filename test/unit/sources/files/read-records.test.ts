import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/errors/index.ts';
import { detectEncoding, readRecords } from '../../../../src/sources/files/index.ts';
import { all, scratchFolder } from './support.ts';

const scratch = scratchFolder('read');
const { write } = scratch;

describe('readRecords', () => {
  it('reads CSV with a BOM, quoted commas and newlines, with the line each record starts on', async () => {
    const file = write('a.csv', '\uFEFFid,review\r\n1,"好吃,不贵"\r\n2,"第一行\n第二行"\r\n\r\n3,太慢了\r\n');
    expect(await all(readRecords(file))).toEqual([
      { line: 2, fields: { id: '1', review: '好吃,不贵' } },
      { line: 3, fields: { id: '2', review: '第一行\n第二行' } },
      { line: 6, fields: { id: '3', review: '太慢了' } },
    ]);
  });

  it('reads GB18030 (Excel) exports', async () => {
    const file = write('g.csv', iconv.encode('id,text\n1,冷冻水饺已经化了\n2,味道很正宗\n', 'gb18030'));
    expect((await all(readRecords(file))).map((r) => r.fields.text)).toEqual(['冷冻水饺已经化了', '味道很正宗']);
  });

  it('refuses a record whose bytes are neither UTF-8 nor GB18030, naming it, instead of storing U+FFFD', async () => {
    const file = write('bad.jsonl', Buffer.concat([Buffer.from('{"text":"好吃'), Buffer.from([0xff]), Buffer.from('"}\n{"text":"正宗"}\n')]));
    const records = await all(readRecords(file));
    expect(records.map((r) => [r.line, r.reason, r.fields.text])).toEqual([
      [1, 'invalid_encoding', undefined],
      [2, undefined, '正宗'],
    ]);
    expect(records[0]!.error).toMatch(/neither UTF-8 nor GBK/);
    expect(records[0]!.raw).toContain('好吃');
    expect(detectEncoding(iconv.encode('冷冻水饺已经化了，味道很正宗', 'gb18030'), true)).toBe('gb18030');
    expect(detectEncoding(Buffer.from('冷冻水饺已经化了'), true)).toBe('utf8');
  });

  it('marks bad JSONL lines and goes on', async () => {
    const file = write('b.jsonl', '{"id":"x","text":"好"}\nnot json\n\n[1]\n{"text":"正宗"}');
    const records = await all(readRecords(file));
    expect(records.map((r) => [r.line, r.error === undefined])).toEqual([
      [1, true],
      [2, false],
      [4, false],
      [5, true],
    ]);
    expect(records[1]!.error).toMatch(/invalid JSON/);
    expect(records[2]!.error).toBe('not a JSON object');
  });

  it('marks a CSV row whose field count differs from the header', async () => {
    const file = write('c.csv', 'id,text\n1,a,b\n2,ok\n');
    const records = await all(readRecords(file));
    expect(records[0]!.error).toBe('has 3 fields where the header has 2');
    expect(records[1]).toEqual({ line: 3, fields: { id: '2', text: 'ok' } });
  });

  it('reads stdin and tells JSONL from CSV by the first character', async () => {
    const json = await all(readRecords('-', { stdin: Readable.from([Buffer.from('{"text":"a"}\n{"text":"b"}\n')]) }));
    expect(json.map((r) => r.fields.text)).toEqual(['a', 'b']);
    const csv = await all(readRecords('-', { stdin: Readable.from([Buffer.from('text\na\n')]) }));
    expect(csv).toEqual([{ line: 2, fields: { text: 'a' } }]);
  });

  it('streams: a big input comes record by record across chunk boundaries', async () => {
    const line = '{"text":"火锅底料味道很正宗，就是配送太慢了"}\n';
    const bytes = Buffer.from(line.repeat(20_000));
    // 1000-byte chunks cut multi-byte characters in two.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
    let n = 0;
    for await (const r of readRecords('-', { stdin: Readable.from(chunks) })) {
      expect(r.fields.text).toBe('火锅底料味道很正宗，就是配送太慢了');
      n++;
    }
    expect(n).toBe(20_000);
  });

  it('throws an InputError naming a file that cannot be read', async () => {
    await expect(all(readRecords(path.join(scratch.dir, 'missing.csv')))).rejects.toThrow(InputError);
    await expect(all(readRecords(path.join(scratch.dir, 'missing.csv')))).rejects.toThrow(/missing\.csv: cannot open the file \(ENOENT\)/);
    await expect(all(readRecords(scratch.dir))).rejects.toThrow(/is a directory/);
  });

  it('refuses only the line of a quote that is never closed, and reads the rest', async () => {
    const file = write('q.csv', 'id,text\n1,"unclosed\n2,b\n3,c\n');
    const records = await all(readRecords(file));
    expect(records.map((r) => [r.line, r.reason, r.fields.text])).toEqual([
      [2, 'malformed_row', undefined],
      [3, undefined, 'b'],
      [4, undefined, 'c'],
    ]);
    expect(records[0]!.error).toMatch(/never closed/);
    expect(records[0]!.raw).toBe('1,"unclosed');
  });
});
