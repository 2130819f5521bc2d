/**
 * Streaming readers for CSV (with a header) and JSONL files or stdin (`-`). Records come one at a
 * time with their line numbers; a file is never held in memory. Each record is cut from the bytes
 * and decoded on its own (record-splitter.ts, decode.ts), so a record that cannot be used (broken
 * quoting, bytes of no known encoding, invalid JSON, an overlong line) carries an `error` and the
 * read goes on; only a file that cannot be read at all throws an InputError naming it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../../errors/index.ts';
import { RecordDecoder, type TextEncoding } from './decode.ts';
import { parseJsonLine } from './json-line.ts';
import { RecordSplitter, RAW_BYTES, type ByteRecord } from './record-splitter.ts';
import { fileFormatOf } from './file-formats.ts';

export type RecordFormat = 'csv' | 'jsonl';

export interface RawRecord {
  /** Line of the input where the record starts (1-based; the CSV header is line 1). */
  line: number;
  fields: Record<string, unknown>;
  /** Why this record cannot be used as it stands (the rest of the input is still read). */
  error?: string;
  /** With `error`: a stable code (malformed_row, invalid_encoding, invalid_json, too_deep, record_too_long). */
  reason?: string;
  /** With `error`: the record as it was in the file (its start, for a long one). */
  raw?: string;
}

export interface ReadRecordsOptions {
  /** Default: from the file extension (.csv, .jsonl/.ndjson/.json), else from the first character. */
  format?: RecordFormat | undefined;
  /** Default: detected per record (UTF-8 with or without BOM, else GB18030). */
  encoding?: TextEncoding | undefined;
  /** What `-` reads (default: process.stdin). */
  stdin?: Readable | undefined;
  /** Called once with the CSV header's column names, before the first record. */
  onHeader?: ((columns: readonly string[]) => void) | undefined;
}

/** The streaming format of a file by its extension (an XLSX sheet is read by `readXlsxRows`, not here). */
export function formatFromName(file: string): RecordFormat | undefined {
  const format = fileFormatOf(file);
  return format === 'xlsx' ? undefined : format;
}

/** The input's name in messages: the path, or "stdin". */
export function inputName(fileOrDash: string): string {
  return fileOrDash === '-' ? 'stdin' : fileOrDash;
}

const COMMA = 0x2c;
const TAB = 0x09;

export async function* readRecords(fileOrDash: string, options: ReadRecordsOptions = {}): AsyncGenerator<RawRecord> {
  const name = inputName(fileOrDash);
  const source: Readable = fileOrDash === '-' ? (options.stdin ?? process.stdin) : await openFile(fileOrDash);
  const parser = recordParser(fileOrDash, options);
  try {
    for await (const chunk of source as AsyncIterable<Buffer | string>) yield* parser.push(chunk);
    yield* parser.end();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read the input (${errorText(err)})`, { file: name }, err);
  } finally {
    source.destroy();
  }
}

/**
 * The same reading of a file already small enough to hold (a labelled training set): every record
 * at once, without a stream.
 */
export function readRecordsSync(file: string, options: Omit<ReadRecordsOptions, 'stdin'> = {}): RawRecord[] {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (err) {
    throw new InputError(`cannot read the file (${errorText(err)})`, { file }, err);
  }
  const parser = recordParser(file, options);
  try {
    return [...parser.push(content), ...parser.end()];
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read the input (${errorText(err)})`, { file }, err);
  }
}

/** Bytes in, records out: the format, encoding and line ends found from the first chunk. */
function recordParser(fileOrDash: string, options: Omit<ReadRecordsOptions, 'stdin'>) {
  const name = inputName(fileOrDash);
  const decoder = new RecordDecoder('utf8', options.encoding);
  let splitter: RecordSplitter | undefined;
  let toRecord: ((r: ByteRecord) => RawRecord | undefined) | undefined;
  let utf16: StringDecoder | undefined;
  let crOnly = false;
  const records = (byteRecords: Iterable<ByteRecord>): RawRecord[] => {
    const out: RawRecord[] = [];
    for (const r of byteRecords) {
      const record = toRecord!(r);
      if (record) out.push(record);
    }
    return out;
  };
  return {
    push(input: Buffer | string): RawRecord[] {
      let chunk = typeof input === 'string' ? Buffer.from(input) : input;
      if (!splitter) {
        if (chunk.length === 0) return [];
        // Excel's "Unicode text" export is UTF-16LE: read as UTF-8 from here on.
        if (chunk[0] === 0xff && chunk[1] === 0xfe) utf16 = new StringDecoder('utf16le');
        if (chunk[0] === 0xfe && chunk[1] === 0xff) throw new InputError('is UTF-16BE, which is not supported (save it as UTF-8 or as CSV from Excel)', { file: name });
        if (utf16) chunk = Buffer.from(utf16.write(chunk.subarray(2)));
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
        // Lines ended by CR alone ("CSV (Macintosh)" from older Excel): read as LF.
        crOnly = chunk.includes(0x0d) && !chunk.includes(0x0a);
        decoder.sniff(chunk, false);
        const format = options.format ?? (fileOrDash === '-' ? undefined : formatFromName(fileOrDash)) ?? (/^\s*[{[]/u.test(chunk.subarray(0, 64).toString('latin1')) ? 'jsonl' : 'csv');
        const tsv = path.extname(fileOrDash).toLowerCase() === '.tsv' || utf16 !== undefined;
        splitter = new RecordSplitter(format === 'jsonl' ? undefined : tsv ? TAB : COMMA);
        toRecord = format === 'jsonl' ? (r) => jsonlRecord(r, decoder) : csvReader(decoder, name, options.onHeader);
      } else if (utf16) chunk = Buffer.from(utf16.write(chunk));
      if (crOnly) chunk = crToLf(chunk);
      return records(splitter.push(chunk));
    },
    end(): RawRecord[] {
      return splitter ? records(splitter.end()) : [];
    },
  };
}

function crToLf(chunk: Buffer): Buffer {
  const out = Buffer.from(chunk);
  for (let i = out.indexOf(0x0d); i >= 0; i = out.indexOf(0x0d, i + 1)) out[i] = 0x0a;
  return out;
}

async function openFile(file: string): Promise<Readable> {
  try {
    const handle = await fs.promises.open(file, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      await handle.close();
      throw new InputError('is a directory, not a file', { file });
    }
    return handle.createReadStream();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot open the file (${errorText(err)})`, { file }, err);
  }
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ?? (err instanceof Error ? err.message : String(err));
}

/** The start of a refused record as text, for whoever fixes the file. */
function rawText(bytes: Buffer, decoder: RecordDecoder): string {
  const head = bytes.subarray(0, RAW_BYTES);
  return new TextDecoder(decoder.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(head);
}

function refused(r: ByteRecord, decoder: RecordDecoder, reason: string, error: string, fields: Record<string, unknown> = {}): RawRecord {
  return { line: r.line, fields, error, reason, raw: rawText(r.bytes, decoder) };
}

function jsonlRecord(r: ByteRecord, decoder: RecordDecoder): RawRecord | undefined {
  if (r.problem) return refused(r, decoder, r.problem.reason, r.problem.message);
  const checked = decoder.check(r.bytes);
  if (!checked.ok) return refused(r, decoder, 'invalid_encoding', checked.message);
  const text = RecordDecoder.text(r.bytes, checked.encoding);
  if (text.trim() === '') return undefined;
  const parsed = parseJsonLine(text);
  if (!parsed.ok) return refused(r, decoder, parsed.reason, parsed.message);
  return { line: r.line, fields: parsed.value };
}

function csvReader(decoder: RecordDecoder, name: string, onHeader: ReadRecordsOptions['onHeader']): (r: ByteRecord) => RawRecord | undefined {
  let header: string[] | undefined;
  return (r) => {
    if (!header) {
      const checked = r.problem ? undefined : decoder.check(r.bytes);
      if (!checked?.ok) throw new InputError(`the header line cannot be read (${r.problem?.message ?? (checked as { message: string }).message})`, { file: name, line: r.line });
      header = r.fields!.map((f, i) => RecordDecoder.text(f, checked.encoding).trim() || `column_${i + 1}`);
      onHeader?.(header);
      return undefined;
    }
    if (r.problem) return refused(r, decoder, r.problem.reason, r.problem.message);
    const checked = decoder.check(r.bytes);
    if (!checked.ok) return refused(r, decoder, 'invalid_encoding', checked.message);
    const values = r.fields!;
    const fields: Record<string, unknown> = {};
    const n = Math.min(values.length, header.length);
    for (let i = 0; i < n; i++) fields[header[i]!] = RecordDecoder.text(values[i]!, checked.encoding);
    if (values.length !== header.length) return refused(r, decoder, 'malformed_row', `has ${values.length} fields where the header has ${header.length}`, fields);
    return { line: r.line, fields };
  };
}
