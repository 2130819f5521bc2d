/**
 * Byte streams to text: UTF-8 with or without a byte-order mark, or GB18030 (a superset of GBK, what
 * Excel on a Chinese Windows writes as "CSV"). The encoding is decided from the first 64 KB; bytes
 * that are not valid in it become U+FFFD rather than stopping the read.
 */
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'gb18030';

const SNIFF_BYTES = 64 * 1024;
const REPLACEMENT = '\uFFFD';

/**
 * UTF-8 unless decoding as UTF-8 breaks on more than a few sequences: one stray byte in a UTF-8
 * export must not turn the whole file into GB18030 mojibake.
 */
export function detectEncoding(sample: Buffer, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  const text = new TextDecoder('utf-8').decode(complete ? sample : trimIncompleteTail(sample));
  let bad = 0;
  let nonAscii = 0;
  for (const ch of text) {
    if (ch === REPLACEMENT) bad++;
    else if (ch.charCodeAt(0) > 0x7f) nonAscii++;
  }
  return bad === 0 || bad <= 2 || bad < nonAscii * 0.02 ? 'utf8' : 'gb18030';
}

/** Drops a UTF-8 sequence cut off at the end of a sample. */
function trimIncompleteTail(buf: Buffer): Buffer {
  let i = buf.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (buf[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return buf;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? buf.subarray(0, i) : buf;
}

/** A Transform from bytes in any supported encoding to UTF-8 strings, BOM removed. */
export class DecodeStream extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private decoder: { write(b: Buffer): string; end(): string | undefined } | undefined;
  private first = true;
  encoding: TextEncoding | undefined;

  constructor(private readonly forced?: TextEncoding) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.decoder) {
      this.emitText(this.decoder.write(chunk));
      return done();
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= SNIFF_BYTES) this.start(false);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.decoder) this.start(true);
    this.emitText(this.decoder!.end() ?? '');
    done();
  }

  private start(complete: boolean): void {
    const sample = Buffer.concat(this.pending);
    this.pending = [];
    this.encoding = this.forced ?? detectEncoding(sample, complete);
    if (this.encoding === 'utf8') {
      const d = new TextDecoder('utf-8', { ignoreBOM: false });
      this.decoder = { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
    } else {
      this.decoder = iconv.getDecoder('gb18030');
    }
    this.emitText(this.decoder.write(sample));
  }

  private emitText(text: string): void {
    if (text === '') return;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text === '') return;
    }
    this.push(text);
  }
}
