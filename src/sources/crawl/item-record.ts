import crypto from 'node:crypto';
import type { SourceConfig, SourceField } from '../../config/index.ts';
import { findUnstorable } from '../../ingest/storable.ts';
import type { FeedbackRecord } from '../../domain/index.ts';
import type { FieldSpec, RawItem } from './page-scripts.ts';
import { parseChineseDate, parseRating } from './transforms/index.ts';

export const FIELD_NAMES = ['text', 'rating', 'author', 'postedAt', 'url', 'externalId'] as const;

/** The configured fields as the page script reads them. */
export function fieldSpecs(source: SourceConfig): Record<string, FieldSpec> {
  const out: Record<string, FieldSpec> = {};
  for (const name of FIELD_NAMES) {
    const field: SourceField | undefined = source.fields[name];
    if (field !== undefined) out[name] = typeof field === 'string' ? { selector: field } : field;
  }
  return out;
}

export type ItemResult = { ok: true; record: FeedbackRecord } | { ok: false; field: string; reason: string };

/**
 * One extracted item as a FeedbackRecord. Dates and ratings go through the transforms in the
 * source's time zone; what a transform cannot read is kept raw in `meta` rather than guessed.
 * Without an external id from the page, the id is derived from the item's own URL and text, so the
 * same review read again is recognised and two reviews on one page stay two. An item without its
 * own URL is identified by source, author and text instead: the page it sits on changes as newer
 * reviews push it down the list, and a relative date (3天前) changes every day.
 */
export function itemToRecord(raw: RawItem, context: { source: SourceConfig; pageUrl: string; now: Date }): ItemResult {
  const { source, pageUrl, now } = context;
  const text = raw.text?.trim();
  if (!text) return { ok: false, field: 'text', reason: 'the text selector matched nothing or only whitespace' };

  const itemUrl = absoluteUrl(raw.url, pageUrl);
  const url = itemUrl ?? pageUrl;
  const meta: Record<string, unknown> = { pageUrl };
  const record: FeedbackRecord = { channel: source.channel, source: source.id, text, url, meta };

  const author = raw.author?.trim();
  if (author) record.author = author;

  if (raw.rating !== undefined) {
    const stars = parseRating(raw.rating);
    if (stars !== undefined && stars >= 1) {
      record.rating = Math.round(stars);
      if (!Number.isInteger(stars)) meta.ratingExact = stars;
    } else if (raw.rating.trim() !== '') meta.ratingRaw = raw.rating.trim();
  }

  if (raw.postedAt !== undefined) {
    const posted = parseChineseDate(raw.postedAt, { now, timeZone: source.timezone });
    if (posted) record.postedAt = posted;
    else if (raw.postedAt.trim() !== '') meta.postedAtRaw = raw.postedAt.trim();
  }

  // An id that cannot be stored would fail the seen-items lookup of the whole page: derived instead.
  const given = raw.externalId?.trim();
  record.externalId = given && !findUnstorable(given, '') ? given : derivedId(itemUrl ? [itemUrl, text] : [source.id, author ?? '', text]);
  return { ok: true, record };
}

function absoluteUrl(value: string | undefined, base: string): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  try {
    return new URL(v, base).toString();
  } catch {
    return undefined;
  }
}

function derivedId(parts: string[]): string {
  return `h:${crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;
}
