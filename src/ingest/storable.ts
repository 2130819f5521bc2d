/**
 * What a record must not carry into the store, found before any statement runs. Postgres refuses a
 * NUL character in text and jsonb, and a lone UTF-16 surrogate (half of a character, e.g. a JSON
 * "\ud800") cannot be encoded as UTF-8 at all: either would fail the whole batch's one statement.
 * U+FFFD in the text means a character was already lost by whoever converted the file; and markup
 * that survived normalization (a tag left open or nested) would be quoted live in alerts.
 */
import type { Rejection } from './rejection.ts';

/** Deepest nesting of a record: deeper is no review, and deeper structures break later stages (queues, jsonb). */
export const MAX_DEPTH = 32;

export interface ContentProblem {
  reason: 'invalid_characters' | 'invalid_encoding' | 'too_deep' | 'markup';
  /** Dotted path of the field, as named in the file (meta keys as they are). */
  field: string;
  message: string;
}

/** String.prototype.isWellFormed (ES2024, in Node 20): false when a string holds half a character. */
type WellFormed = string & { isWellFormed(): boolean };

// In a `u` regex a surrogate range matches only surrogates that are not half of a pair.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;
// Tags that run code or load from elsewhere, and the event-handler attributes (onerror=, onload= …),
// which plain words never end in (online=, only= do not match).
const LIVE_MARKUP =
  /<\s*\/?\s*(?:script|img|iframe|svg|object|embed|style|link|meta|body|form|input|video|audio|base|frame|math|details)\b|\bon(?:error|load|unload|beforeunload|click|dblclick|contextmenu|mouse[a-z]*|pointer[a-z]*|touch[a-z]*|key[a-z]*|focus[a-z]*|blur|input|change|submit|reset|select|scroll|resize|wheel|drag[a-z]*|drop|copy|cut|paste|animation[a-z]*|transition[a-z]*|toggle|begin|end|repeat|message|hashchange|popstate|pageshow|show|play[a-z]*|pause|seek[a-z]*|canplay[a-z]*|loadstart)\s*=/iu;

/** The first string, key or nesting level of `value` that cannot be stored, if any. */
export function findUnstorable(value: unknown, field: string, depth = 0): ContentProblem | undefined {
  if (typeof value === 'string') {
    // Native checks first: this runs on every string of every record, and the regex is ten times slower.
    if (!value.includes('\u0000') && (value as WellFormed).isWellFormed()) return undefined;
    const m = UNSTORABLE.exec(value)!;
    const what = m[0] === '\u0000' ? 'a NUL character (U+0000)' : `half of a character (lone surrogate U+${m[0].charCodeAt(0).toString(16).toUpperCase()})`;
    return { reason: 'invalid_characters', field, message: `holds ${what} at character ${m.index + 1}` };
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return undefined;
  if (depth >= MAX_DEPTH) return { reason: 'too_deep', field, message: `nested deeper than ${MAX_DEPTH} levels` };
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    const at = field ? `${field}.${key}` : key;
    if (key.includes('\u0000') || !(key as WellFormed).isWellFormed()) return { reason: 'invalid_characters', field: at, message: 'the field name holds a NUL character or half of a character' };
    const problem = findUnstorable(v, at, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** Why a text, as it will be stored and quoted, cannot be taken: lost characters or live markup. */
export function findUnsafeText(text: string, field: string): ContentProblem | undefined {
  const lost = text.indexOf('\uFFFD');
  if (lost >= 0) return { reason: 'invalid_encoding', field, message: `holds U+FFFD at character ${lost + 1}: a character was lost when the file was converted` };
  const markup = text.includes('<') || text.includes('=') ? LIVE_MARKUP.exec(text) : null;
  if (markup) return { reason: 'markup', field, message: `still holds HTML markup after normalization ("${markup[0]}…"): a tag left open or nested` };
  return undefined;
}

const UNSTORABLE_ALL = /[\u0000\uD800-\uDFFF]/gu;

/**
 * Text that describes a bad record (a rejection's message or raw record) with what cannot be stored
 * written as visible escapes (\u0000, \uD800), so that the description itself can be stored.
 */
export function escapeUnstorable(s: string): string {
  return s.includes('\u0000') || !(s as WellFormed).isWellFormed() ? s.replace(UNSTORABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`) : s;
}

/** Characters of a refused record kept in rejected_items. */
export const MAX_REJECTED_RAW = 4_000;

/**
 * The rejection of a record that cannot even ride in a job: checked before it is enqueued (job data
 * is jsonb on the Postgres queue backend, which refuses a NUL or half a character as Postgres does,
 * and would fail the whole enqueue with every other record in it). Undefined when it can ride.
 * `where` says where it came from (source, and file and line, or the page's URL in `message`).
 */
export function unstorableRejection(value: unknown, where: Omit<Rejection, 'reason' | 'message' | 'field' | 'raw'> & { raw: () => string; at?: string }): Rejection | undefined {
  const problem = findUnstorable(value, '');
  if (!problem) return undefined;
  const { raw, at, ...origin } = where;
  return describedRejection({ ...origin, reason: problem.reason, message: at ? `${problem.message} (${at})` : problem.message, field: problem.field, raw: raw() });
}

/** A rejection as it can be stored: what cannot be stored escaped, the raw record cut short. */
export function describedRejection(r: Rejection): Rejection {
  const raw = r.raw === undefined ? undefined : escapeUnstorable(r.raw.length > MAX_REJECTED_RAW ? `${r.raw.slice(0, MAX_REJECTED_RAW)}…` : r.raw);
  return { ...r, message: escapeUnstorable(r.message), field: r.field && escapeUnstorable(r.field), raw };
}
