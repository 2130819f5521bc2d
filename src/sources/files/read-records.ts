/**
 * Streaming readers for CSV (with a header) and JSONL files or stdin (`-`). Records come one at a
 * time with their line numbers; a file is never held in memory. A record that cannot be used carries
 * an `error` and the read goes on; a file that cannot be read at all throws an InputError naming it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { InputError } from '../../errors/index.ts';
import { DecodeStream, type TextEncoding } from './decode.ts';

export type RecordFormat = 'csv' | 'jsonl';

export interface RawRecord {
  /** Line of the input where the record starts (1-based; the CSV header is line 1). */
  line: number;
  fields: Record<string, unknown>;
  /** Why this record cannot be used as it stands (the rest of the input is still read). */
  error?: string;
}

export interface ReadRecordsOptions {
  /** Default: from the file extension (.csv, .jsonl/.ndjson/.json), else from the first character. */
  format?: RecordFormat | undefined;
  /** Default: detected (UTF-8 with or without BOM, else GB18030). */
  encoding?: TextEncoding | undefined;
  /** What `-` reads (default: process.stdin). */
  stdin?: Readable | undefined;
}

export function formatFromName(file: string): RecordFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return undefined;
}

/** The input's name in messages: the path, or "stdin". */
export function inputName(fileOrDash: string): string {
  return fileOrDash === '-' ? 'stdin' : fileOrDash;
}

export async function* readRecords(fileOrDash: string, options: ReadRecordsOptions = {}): AsyncGenerator<RawRecord> {
  const name = inputName(fileOrDash);
  const source: Readable = fileOrDash === '-' ? (options.stdin ?? process.stdin) : await openFile(fileOrDash);
  const decode = new DecodeStream(options.encoding);
  const text = new PassThrough({ objectMode: true });
  const piping = pipeline(source, decode, text).catch((err: unknown) => {
    text.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  try {
    let format = options.format ?? (fileOrDash === '-' ? undefined : formatFromName(fileOrDash));
    const chunks = text[Symbol.asyncIterator]() as AsyncIterator<string>;
    const first = await chunks.next();
    if (first.done) return;
    format ??= /^\s*[{[]/.test(first.value) ? 'jsonl' : 'csv';
    const all = prepend(first.value, chunks);
    yield* format === 'jsonl' ? jsonlRecords(all) : csvRecords(all, name);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read the input (${errorText(err)})`, { file: name }, err);
  } finally {
    text.destroy();
    source.destroy();
    await piping;
  }
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

async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* jsonlRecords(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  let carry = '';
  let line = 0;
  const parseLine = (raw: string): RawRecord | undefined => {
    line++;
    const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (body.trim() === '') return undefined;
    try {
      const value: unknown = JSON.parse(body);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { line, fields: {}, error: 'not a JSON object' };
      }
      return { line, fields: value as Record<string, unknown> };
    } catch (err) {
      return { line, fields: {}, error: `invalid JSON (${(err as Error).message})` };
    }
  };
  for await (const chunk of chunks) {
    carry += chunk;
    let nl: number;
    while ((nl = carry.indexOf('\n')) >= 0) {
      const record = parseLine(carry.slice(0, nl));
      carry = carry.slice(nl + 1);
      if (record) yield record;
    }
  }
  if (carry !== '') {
    const record = parseLine(carry);
    if (record) yield record;
  }
}

async function* csvRecords(chunks: AsyncIterable<string>, name: string): AsyncGenerator<RawRecord> {
  // A record starts on the line after the one the previous record (or the header) ended on, past
  // any skipped empty lines: counted from the parser's info rather than from each record's raw
  // text, which the parser would otherwise copy out for every row.
  let lastEnd = 1;
  let lastEmpty = 0;
  const parser = parseCsv({
    columns: (header: string[]) => {
      lastEnd = parser.info.lines;
      lastEmpty = parser.info.empty_lines;
      return header.map((h, i) => h.trim() || `column_${i + 1}`);
    },
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  });
  const feeding = (async () => {
    for await (const chunk of chunks) {
      if (parser.destroyed) return;
      // 'close' as well as 'drain': a reader that stops early destroys the parser, which never drains.
      if (!parser.write(chunk)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            parser.off('drain', go);
            parser.off('close', go);
            resolve();
          };
          parser.on('drain', go);
          parser.on('close', go);
        });
      }
    }
    parser.end();
  })().catch((err: unknown) => parser.destroy(err instanceof Error ? err : new Error(String(err))));
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; empty_lines: number; error?: { record?: unknown[] }; columns?: unknown[] } }>) {
      const line = lastEnd + 1 + (item.info.empty_lines - lastEmpty);
      lastEnd = item.info.lines;
      lastEmpty = item.info.empty_lines;
      const record: RawRecord = { line, fields: item.record };
      if (item.info.error) {
        const got = item.info.error.record?.length ?? 0;
        record.error = `has ${got} fields where the header has ${item.info.columns?.length ?? '?'}`;
      }
      yield record;
    }
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    throw new InputError(`not readable as CSV (${e.code ?? 'error'}: ${e.message ?? String(err)})`, { file: name, ...(e.lines ? { line: e.lines } : {}) }, err);
  } finally {
    parser.destroy();
    await feeding;
  }
}
