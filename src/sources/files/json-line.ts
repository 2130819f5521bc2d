/**
 * One JSONL line to an object, exactly as written: integers beyond 2^53 (platform ids such as
 * 7234567890123456789) are kept as their digits, since JSON.parse would round two neighbouring ids
 * to one number and so merge two reviews. Nesting is bounded: a record nested deeper than
 * MAX_DEPTH is no review, and deeper structures break later stages (queues, jsonb).
 */
import { MAX_DEPTH } from '../../ingest/storable.ts';

export type JsonLineResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string; message: string };

// A string (left as it is) or an integer of 16 digits or more outside any string: the only numbers
// that can exceed Number.MAX_SAFE_INTEGER without a fraction or exponent.
const BIG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/gu;
const LONG_DIGITS = /\d{16}/;

export function parseJsonLine(text: string): JsonLineResult {
  let value: unknown;
  try {
    value = JSON.parse(LONG_DIGITS.test(text) ? quoteBigIntegers(text) : text);
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, reason: 'too_deep', message: `nested deeper than ${MAX_DEPTH} levels` };
    return { ok: false, reason: 'invalid_json', message: `invalid JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'invalid_json', message: 'not a JSON object' };
  if (mayNestDeeper(text) && depthOver(value, MAX_DEPTH)) return { ok: false, reason: 'too_deep', message: `nested deeper than ${MAX_DEPTH} levels` };
  return { ok: true, value: value as Record<string, unknown> };
}

function quoteBigIntegers(text: string): string {
  return text.replace(BIG_INTEGER, (m) => (m.charCodeAt(0) === 0x22 || Number.isSafeInteger(Number(m)) ? m : `"${m}"`));
}

/** Nesting can pass MAX_DEPTH only with as many brackets: counted up to there, which is most lines' two. */
function mayNestDeeper(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('{'); i >= 0 && n <= MAX_DEPTH; i = text.indexOf('{', i + 1)) n++;
  for (let i = text.indexOf('['); i >= 0 && n <= MAX_DEPTH; i = text.indexOf('[', i + 1)) n++;
  return n > MAX_DEPTH;
}

/** Whether a parsed value nests objects or arrays more than `limit` deep. */
export function depthOver(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (depthOver(v, limit - 1)) return true;
  return false;
}
