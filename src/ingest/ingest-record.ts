import type { ChatTurn, FeedbackRecord, RecordOrigin } from '../domain/index.ts';
import { contentHash, derivedIds } from './identity.ts';
import { maskPersonalData } from './personal-data.ts';
import type { Rejection } from './rejection.ts';
import { findUnsafeText, findUnstorable, MAX_REJECTED_RAW } from './storable.ts';
import { readScores, SCORE_REJECTION } from './scores.ts';
import { FIELD_NAMES, schemaFor, socialCounter, type IncomingRecord, type ValidRecord } from './record-schema.ts';

/** A record that passed ingest: validated, normalized, masked, with its ids. What gets analysed. */
export interface IngestedItem
  extends Pick<FeedbackRecord, 'channel' | 'source' | 'author' | 'rating' | 'postedAt' | 'url' | 'region' | 'segment' | 'orderId' | 'nps' | 'csat' | 'ces' | 'product'> {
  externalId: string;
  contentHash: string;
  /** Normalized text with personal data masked: the text analysed, stored and quoted in alerts. */
  text: string;
  meta: Record<string, unknown>;
  /** Line of the file it came from, so that a later stage can still name it when refusing it. */
  line?: number | undefined;
  /** A derived id as it was before unmapped columns counted, where it differs (see identity.ts). */
  formerExternalId?: string | undefined;
}

export interface IngestOptions {
  /** The NLP normalizer (Traditional→Simplified, widths, whitespace); injected so ingest stays pure. */
  normalize: (text: string) => string;
  maskPersonalData: boolean;
  /** Zone of wall-clock times without one. */
  timeZone: string;
  /** Moves posted_at by whole days (sample data replayed as recent). */
  shiftDays?: number | undefined;
}

/** `rejections`: a kept item's fields that were left out (an out-of-range score), named. */
export type IngestResult = { ok: true; item: IngestedItem; rejections?: Rejection[] } | { ok: false; rejection: Rejection };

export const MAX_TEXT_LENGTH = 20_000;
/** Longest external id: ids are a unique key, and a btree entry holds about 2,700 bytes at most. */
export const MAX_ID_LENGTH = 500;
const SENTENCE_END = /[。！？!?；;…~～.]$/u;

// The helpers below are module functions rather than closures made inside ingestRecord: it runs
// for every record ingested.

/** The rejection of a record as it came, its raw copy masked where personal data is. */
function rejected(incoming: IncomingRecord, origin: RecordOrigin, options: IngestOptions, reason: string, message: string, field?: string): IngestResult & { ok: false } {
  const raw = rawOf(incoming);
  return {
    ok: false,
    rejection: {
      reason,
      message,
      field,
      source: typeof incoming.source === 'string' ? incoming.source : undefined,
      file: origin.file,
      line: origin.line,
      raw: options.maskPersonalData ? maskPersonalData(raw).text : raw,
    },
  };
}

function masked(s: string, options: IngestOptions): string {
  return options.maskPersonalData ? maskPersonalData(s).text : s;
}

export function ingestRecord(incoming: IncomingRecord, origin: RecordOrigin, options: IngestOptions): IngestResult {
  for (const [key, value] of Object.entries(incoming)) {
    const problem = findUnstorable(value, FIELD_NAMES[key] ?? key, 1);
    if (problem) return rejected(incoming, origin, options, problem.reason, problem.message, problem.field);
  }

  const parsed = schemaFor(options.timeZone).safeParse(incoming);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const field = [FIELD_NAMES[key] ?? key, ...issue.path.slice(1).map(String)].join('.');
    return rejected(incoming, origin, options, `invalid_${FIELD_NAMES[key] ?? (key || 'record')}`, issue.message, field || undefined);
  }
  const record = parsed.data;
  if (record.externalId !== undefined && record.externalId.length > MAX_ID_LENGTH) {
    return rejected(incoming, origin, options, 'invalid_id', `${record.externalId.length} characters (at most ${MAX_ID_LENGTH})`, 'id');
  }
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record.meta ?? {})) meta[k] = plain(v, options);

  let text: string;
  if (record.channel === 'chat' && record.turns) {
    const turns = record.turns.map((t): ChatTurn => ({ ...t, text: masked(options.normalize(t.text), options) }));
    // Only customer turns are analysed; each ends with a sentence mark so clauses never merge across turns.
    text = turns
      .filter((t) => t.role === 'customer' && t.text.trim() !== '')
      .map((t) => (SENTENCE_END.test(t.text.trim()) ? t.text.trim() : `${t.text.trim()}。`))
      .join('');
    meta.turns = turns;
    if (text === '') return rejected(incoming, origin, options, 'missing_text', 'the session has no customer turn with text', 'turns');
  } else {
    if (record.text === undefined) return rejected(incoming, origin, options, 'missing_text', 'no text (expected a text, review or content column)', 'text');
    text = masked(options.normalize(record.text), options).trim();
    if (text === '') return rejected(incoming, origin, options, 'missing_text', 'the text is empty after normalization', 'text');
  }
  // Checked again after parsing and normalizing: turns may come as a JSON string whose escapes
  // (\u0000) become the characters only now, and an entity such as &#xD800; decodes to half a character.
  const textField = record.channel === 'chat' && record.turns ? 'turns' : 'text';
  const late = findUnstorable(text, textField) ?? findUnstorable(meta.turns, 'turns', 1);
  if (late) return rejected(incoming, origin, options, late.reason, late.message, late.field);
  const unsafe = findUnsafeText(text, textField);
  if (unsafe) return rejected(incoming, origin, options, unsafe.reason, unsafe.message, unsafe.field);
  if (text.length > MAX_TEXT_LENGTH) return rejected(incoming, origin, options, 'text_too_long', `${text.length} characters (at most ${MAX_TEXT_LENGTH})`, 'text');

  if (record.channel === 'social') {
    for (const key of ['likes', 'reposts'] as const) {
      const count = socialCounter(meta[key]);
      if (!count.ok) return rejected(incoming, origin, options, `invalid_${key}`, count.message, key);
      if (count.value === undefined) delete meta[key];
      else meta[key] = count.value;
    }
  }

  const postedAt = record.postedAt ?? firstTurnTime(record, options.timeZone);
  const { id: externalId, formerId } = record.externalId === undefined ? derivedIds(record) : { id: record.externalId, formerId: undefined };
  const { scores, problems } = readScores(record);
  // One rejection per record (rejected_items keeps one per line and raw record), naming every bad score.
  const scoreRejection = problems.length === 0 ? undefined : rejected(incoming, origin, options, SCORE_REJECTION, problems.map((p) => p.message).join('; '), problems.map((p) => p.field).join(','));
  return {
    ...(scoreRejection && !scoreRejection.ok ? { rejections: [scoreRejection.rejection] } : {}),
    ok: true,
    item: {
      channel: record.channel,
      source: record.source,
      externalId,
      contentHash: contentHash(text),
      text,
      author: record.author === undefined ? undefined : masked(record.author, options),
      rating: record.rating,
      postedAt: postedAt && options.shiftDays ? new Date(Date.parse(postedAt) + options.shiftDays * 86_400_000).toISOString() : postedAt,
      url: record.url,
      region: record.region,
      segment: record.segment,
      orderId: record.orderId,
      ...scores,
      product: record.product,
      meta,
      ...(origin.line === undefined ? {} : { line: origin.line }),
      ...(formerId === undefined ? {} : { formerExternalId: formerId }),
    },
  };
}

/** A chat session without posted_at dates from its first timed turn. */
function firstTurnTime(record: ValidRecord, timeZone: string): string | undefined {
  const at = record.turns?.find((t) => t.at)?.at;
  if (!at) return undefined;
  const parsed = schemaFor(timeZone).shape.postedAt.safeParse(at);
  return parsed.success ? parsed.data : undefined;
}

/** JSON-safe meta values with personal data masked in every string. */
function plain(value: unknown, options: IngestOptions): unknown {
  if (typeof value === 'string') return masked(value, options);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((v) => plain(v, options));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, options)]));
  return value;
}


function rawOf(incoming: IncomingRecord): string {
  let raw: string;
  try {
    raw = JSON.stringify(incoming, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    raw = String(incoming);
  }
  return raw.length > MAX_REJECTED_RAW ? `${raw.slice(0, MAX_REJECTED_RAW)}…` : raw;
}
