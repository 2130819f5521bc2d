import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, readRecords, type RawRecord } from '../../../../src/sources/files/index.ts';
import { all, scratchFolder } from './support.ts';

const { write } = scratchFolder('hostile');

/** 1000-byte chunks: every boundary case (a quote, a CRLF, a multi-byte character cut in two) comes up. */
function chunked(bytes: Buffer, size = 1000): Readable {
  return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
}

const summary = (records: RawRecord[]) => records.map((r) => [r.line, r.reason ?? 'ok', r.fields.text ?? null]);

describe('one bad byte or quote costs one record, never the rest of the file', () => {
  it('CSV: a stray quote in an unquoted field is text; text after a closing quote refuses that line only', async () => {
    const file = write('quotes.csv', 'id,text\n1,一个"引号在中间\n2,"他说"好"吃\n3,"正常，带逗号"\n4,好评\n');
    expect(summary(await all(readRecords(file)))).toEqual([
      [2, 'ok', '一个"引号在中间'],
      [3, 'malformed_row', null],
      [4, 'ok', '正常，带逗号'],
      [5, 'ok', '好评'],
    ]);
  });

  it('CSV: a quote opened by mistake and "closed" by a later row refuses only its own line', async () => {
    const rows = ['id,text', '1,"忘了关引号', ...Array.from({ length: 50 }, (_, i) => `${i + 2},第${i + 2}条`), '52,"带引号的, 正常"', '53,最后'];
    const records = await all(readRecords('-', { format: 'csv', stdin: chunked(Buffer.from(`${rows.join('\r\n')}\r\n`), 97) }));
    expect(records).toHaveLength(53);
    expect(summary(records)[0]).toEqual([2, 'malformed_row', null]);
    expect(records.slice(1).every((r) => r.error === undefined)).toBe(true);
    expect(records.at(-2)!.fields.text).toBe('带引号的, 正常');
    expect(records.at(-1)).toEqual({ line: 54, fields: { id: '53', text: '最后' } });
  });

  it('CSV and JSONL: a line longer than the limit is refused with its line and skipped without holding it', async () => {
    const long = 'x'.repeat(MAX_RECORD_BYTES + 10);
    const csv = await all(readRecords('-', { format: 'csv', stdin: chunked(Buffer.from(`id,text\n1,好\n2,${long}\n3,"${long}"\n4,中\n`), 65536) }));
    expect(summary(csv)).toEqual([
      [2, 'ok', '好'],
      [3, 'record_too_long', null],
      [4, 'record_too_long', null],
      [5, 'ok', '中'],
    ]);
    expect(csv[1]!.raw!.length).toBeLessThanOrEqual(4000);
    const jsonl = await all(readRecords('-', { stdin: chunked(Buffer.from(`{"text":"好"}\n{"text":"${long}"}\n{"text":"中"}\n`), 65536) }));
    expect(summary(jsonl)).toEqual([
      [1, 'ok', '好'],
      [2, 'record_too_long', null],
      [3, 'ok', '中'],
    ]);
  });

  it('JSONL: 2,000-deep nesting is refused as too_deep; invalid JSON as invalid_json; the rest is read', async () => {
    const deep = `{"text":"深","meta":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`;
    const file = write('deep.jsonl', `{"text":"前"}\n${deep}\n{"text":"断了\n{"text":"后"}\n`);
    expect(summary(await all(readRecords(file)))).toEqual([
      [1, 'ok', '前'],
      [2, 'too_deep', null],
      [3, 'invalid_json', null],
      [4, 'ok', '后'],
    ]);
  });

  it('JSONL: integer ids above 2^53 are read exactly as written', async () => {
    const file = write('ids.jsonl', '{"id":7234567890123456789,"text":"好吃"}\n{"id":7234567890123456790,"text":"吃完拉肚子了","n":[1.5,-2e5,12345678901234567890.5],"s":"12345678901234567890"}\n{"id":42,"text":"x"}\n');
    const records = await all(readRecords(file));
    expect(records.map((r) => r.fields.id)).toEqual(['7234567890123456789', '7234567890123456790', 42]);
    expect(records[1]!.fields.n).toEqual([1.5, -2e5, 12345678901234567890.5]);
    expect(records[1]!.fields.s).toBe('12345678901234567890');
  });
});

describe('encodings are decided per record', () => {
  it('reads GBK rows that start after 64 KB of UTF-8, and refuses a row of broken UTF-8 rather than storing mojibake', async () => {
    const utf8Rows = Array.from({ length: 3000 }, (_, i) => `u${i},味道很正宗，第${i}条`);
    const gbkRows = Array.from({ length: 50 }, (_, i) => `g${i},冷冻水饺已经化了，第${i}条`);
    const broken = Buffer.concat([Buffer.from('bad,好吃'), Buffer.from([0x80]), Buffer.from('不贵，就是配送太慢了\n')]);
    const bytes = Buffer.concat([Buffer.from(`id,text\n${utf8Rows.join('\n')}\n`), iconv.encode(`${gbkRows.join('\n')}\n`, 'gbk'), broken]);
    expect(bytes.indexOf(iconv.encode('冷冻', 'gbk'))).toBeGreaterThan(64 * 1024);
    const records = await all(readRecords('-', { format: 'csv', stdin: chunked(bytes, 4096) }));
    expect(records).toHaveLength(3051);
    expect(records.slice(3000, 3050).map((r) => r.fields.text)).toEqual(gbkRows.map((r) => r.split(',')[1]));
    expect(records.at(-1)).toMatchObject({ line: 3052, reason: 'invalid_encoding' });
    expect(records.some((r) => String(r.fields.text ?? '').includes('\uFFFD'))).toBe(false);
  });

  it('reads UTF-8 rows inside a GBK file, a tab-separated UTF-16 export from Excel, CR line ends and TSV', async () => {
    const file = write('mixed.csv', Buffer.concat([iconv.encode('id,text\n1,冷冻水饺已经化了\n', 'gbk'), Buffer.from('2,味道很正宗\n')]));
    expect((await all(readRecords(file))).map((r) => r.fields.text)).toEqual(['冷冻水饺已经化了', '味道很正宗']);
    const utf16 = write('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\ttext\r\n1\t好吃,不贵\r\n', 'utf16le')]));
    expect(await all(readRecords(utf16))).toEqual([{ line: 2, fields: { id: '1', text: '好吃,不贵' } }]);
    const mac = write('mac.csv', 'id,text\r1,好吃\r2,不贵\r');
    expect(await all(readRecords(mac))).toEqual([
      { line: 2, fields: { id: '1', text: '好吃' } },
      { line: 3, fields: { id: '2', text: '不贵' } },
    ]);
    const tsv = write('t.tsv', 'id\ttext\n1\t好吃,不贵\n');
    expect(await all(readRecords(tsv))).toEqual([{ line: 2, fields: { id: '1', text: '好吃,不贵' } }]);
  });
});
