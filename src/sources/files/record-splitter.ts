/**
 * Cuts a byte stream into records before anything is decoded: CSV records (RFC 4180 quoting, which
 * may span lines) or lines (JSONL). Working on bytes lets each record be decoded on its own (see
 * decode.ts), and is safe for GB18030 as for UTF-8: neither uses the bytes of `"`, `,`, tab, CR or
 * LF inside a multi-byte character.
 *
 * Damage stays local. A record that breaks CSV's rules (a stray quote after a quoted field, a quote
 * never closed) is refused as its first physical line only, and reading resumes on the next line;
 * a record longer than MAX_RECORD_BYTES is refused and skipped without being held in memory. So one
 * bad byte or quote costs one record, never the rest of the file.
 */

/** Longest record read (1 MiB): far beyond any review (ingest keeps at most 20,000 characters). */
export const MAX_RECORD_BYTES = 1024 * 1024;
/** Bytes of a refused record kept for rejected_items. */
export const RAW_BYTES = 4000;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export interface RecordProblem {
  /** Stable code: malformed_row, record_too_long. */
  reason: string;
  message: string;
}

export interface ByteRecord {
  /** Line of the input where the record starts (1-based). */
  line: number;
  /** The record without its line end (a refused one: its first RAW_BYTES bytes). */
  bytes: Buffer;
  /** CSV: the fields, unquoted; lines: undefined. */
  fields?: Buffer[] | undefined;
  problem?: RecordProblem | undefined;
}

type Parsed = { end: number; fields?: Buffer[] } | { malformed: string };

export class RecordSplitter {
  private buf: Buffer = Buffer.alloc(0);
  private line = 1;
  /** An overlong line being dropped up to its end. */
  private skipping: { line: number; head: Buffer; bytes: number } | undefined;

  /** `delimiter` for CSV (a byte: `,` or tab); none for lines. */
  constructor(private readonly delimiter?: number) {}

  push(chunk: Buffer): ByteRecord[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    return this.drain(false);
  }

  end(): ByteRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): ByteRecord[] {
    const out: ByteRecord[] = [];
    const buf = this.buf;
    let pos = 0;
    while (pos < buf.length) {
      if (this.skipping) {
        const nl = buf.indexOf(LF, pos);
        const stop = nl < 0 ? buf.length : nl;
        this.skipping.bytes += stop - pos;
        pos = nl < 0 ? buf.length : nl + 1;
        if (nl < 0 && !final) break;
        out.push(this.tooLong(this.skipping.line, this.skipping.head, this.skipping.bytes));
        this.skipping = undefined;
        this.line++;
        continue;
      }
      if (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF)) {
        // Empty lines are no records.
        pos += buf[pos] === LF ? 1 : 2;
        this.line++;
        continue;
      }
      const parsed = this.delimiter === undefined ? lineRecord(buf, pos, final) : this.csvRecord(buf, pos, final);
      if (parsed === undefined) {
        if (buf.length - pos <= MAX_RECORD_BYTES) break; // wait for more bytes
        const nl = buf.indexOf(LF, pos);
        if (nl < 0 || nl - pos > MAX_RECORD_BYTES) {
          this.skipping = { line: this.line, head: Buffer.from(buf.subarray(pos, pos + RAW_BYTES)), bytes: 0 };
          continue;
        }
        // A quoted field still open a mebibyte on: the quote on the first line was a stray one.
        pos = this.refuseFirstLine(out, buf, pos, nl, `a quoted field is not closed within ${MAX_RECORD_BYTES} bytes`);
        continue;
      }
      if ('malformed' in parsed) {
        const nl = buf.indexOf(LF, pos);
        if (nl < 0 && !final) {
          if (buf.length - pos <= MAX_RECORD_BYTES) break;
          this.skipping = { line: this.line, head: Buffer.from(buf.subarray(pos, pos + RAW_BYTES)), bytes: 0 };
          continue;
        }
        pos = this.refuseFirstLine(out, buf, pos, nl, parsed.malformed);
        continue;
      }
      const { end } = parsed;
      let body = end;
      if (body > pos && buf[body - 1] === LF) body--;
      if (body > pos && buf[body - 1] === CR) body--;
      if (body - pos > MAX_RECORD_BYTES) out.push(this.tooLong(this.line, buf.subarray(pos, pos + RAW_BYTES), body - pos));
      else out.push({ line: this.line, bytes: buf.subarray(pos, body), fields: parsed.fields });
      this.line += countLines(buf, pos, end);
      pos = end;
    }
    this.buf = buf.subarray(pos);
    return out;
  }

  /** Refuses the physical line at `pos` (ending at `nl`, or at the end of input) and moves past it. */
  private refuseFirstLine(out: ByteRecord[], buf: Buffer, pos: number, nl: number, message: string): number {
    const end = nl < 0 ? buf.length : nl;
    out.push({ line: this.line, bytes: buf.subarray(pos, Math.min(end, pos + RAW_BYTES)), problem: { reason: 'malformed_row', message } });
    this.line++;
    return nl < 0 ? buf.length : nl + 1;
  }

  private tooLong(line: number, head: Buffer, bytes: number): ByteRecord {
    return { line, bytes: head, problem: { reason: 'record_too_long', message: `the record is longer than ${MAX_RECORD_BYTES} bytes${bytes > 0 ? ` (${bytes} bytes)` : ''}` } };
  }

  /** One CSV record from `start`, or undefined when the buffer ends inside it (and more may come). */
  private csvRecord(buf: Buffer, start: number, final: boolean): Parsed | undefined {
    const delimiter = this.delimiter!;
    const fields: Buffer[] = [];
    let i = start;
    let nl = -1;
    for (;;) {
      if (buf[i] === QUOTE) {
        let j = i + 1;
        let seg = j;
        let parts: Buffer[] | undefined;
        let close: number;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q < 0) return final ? { malformed: `the quote that opens field ${fields.length + 1} is never closed` } : undefined;
          if (q + 1 >= buf.length && !final) return undefined;
          if (buf[q + 1] === QUOTE) {
            (parts ??= []).push(buf.subarray(seg, q + 1));
            j = q + 2;
            seg = j;
            continue;
          }
          close = q;
          break;
        }
        const last = buf.subarray(seg, close);
        fields.push(parts ? Buffer.concat([...parts, last]) : last);
        const after = close + 1;
        if (after >= buf.length) return { end: after, fields };
        const c = buf[after]!;
        if (c === delimiter) {
          i = after + 1;
          continue;
        }
        if (c === LF) return { end: after + 1, fields };
        if (c === CR) {
          if (after + 1 >= buf.length && !final) return undefined;
          return { end: buf[after + 1] === LF ? after + 2 : after + 1, fields };
        }
        return { malformed: `field ${fields.length} has text after its closing quote (a quote inside a quoted field must be doubled: "")` };
      }
      // Unquoted: up to the next delimiter or line end; a quote inside is taken as it is.
      if (nl < i) nl = buf.indexOf(LF, i);
      if (nl < 0 && !final) return undefined;
      const lineEnd = nl < 0 ? buf.length : nl;
      const d = buf.indexOf(delimiter, i);
      if (d >= 0 && d < lineEnd) {
        fields.push(buf.subarray(i, d));
        i = d + 1;
        continue;
      }
      fields.push(buf.subarray(i, lineEnd > i && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd));
      return { end: nl < 0 ? buf.length : nl + 1, fields };
    }
  }
}

function lineRecord(buf: Buffer, start: number, final: boolean): Parsed | undefined {
  const nl = buf.indexOf(LF, start);
  if (nl < 0) return final ? { end: buf.length } : undefined;
  return { end: nl + 1 };
}

function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  // A last record without a line end still occupies its line.
  return n === 0 ? 1 : n;
}
