import path from 'node:path';
import { InputError } from '../../errors/index.ts';
import { fileFormatOf, readRecords, readXlsxRows, type RawRecord } from '../files/index.ts';

/** A row of an input file, or why the reader could not make one of it. */
export type SourceRow =
  | { line: number; fields: Record<string, unknown> }
  | { line: number; error: string; reason?: string | undefined; field?: string | undefined; raw?: string | undefined };

/**
 * Rows of a file by its extension: CSV (encoding detected: UTF-8 ±BOM, GBK/GB18030) and JSONL
 * through the shared streaming readers, XLSX through the sheet reader; `-` is stdin (JSONL or CSV,
 * told apart by its first character).
 */
export function openRows(file: string, options: { onHeader?: (columns: readonly string[]) => void } = {}): AsyncIterable<SourceRow> {
  if (file === '-') return asRows(readRecords('-', options));
  const format = fileFormatOf(file);
  if (!format) throw new InputError(`unknown file type "${path.extname(file)}" (expected .csv, .jsonl or .xlsx)`, { file });
  return format === 'xlsx' ? readXlsxRows(file, options) : asRows(readRecords(file, { format, ...options }));
}

async function* asRows(records: AsyncIterable<RawRecord>): AsyncGenerator<SourceRow> {
  for await (const r of records) {
    if (r.error === undefined) yield { line: r.line, fields: r.fields };
    else yield { line: r.line, error: r.error, reason: r.reason, raw: r.raw ?? JSON.stringify(r.fields) };
  }
}
