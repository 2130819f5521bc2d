import { hash } from 'node:crypto';
import type { ValidRecord } from './record-schema.ts';

/**
 * Meta keys left out of a derived id: they say where or when an item was seen, not what it is, and
 * change between two crawls of the same review (the page it was on, its likes and reposts so far).
 */
const VOLATILE_META = new Set(['pageUrl', 'likes', 'reposts']);

/**
 * The id of a record whose source gave none: a hash of the whole record, mapped or not (text,
 * turns, author, posted_at, rating, url, region, segment, order id, and every other column, which
 * ingest keeps in meta). Re-imports of the same row get the same id and count once; two rows that
 * differ in anything, even a column painpoint does not read (`sku`, `shop`, a label), stay two
 * items. Computed from the record as it came (before masking and date shifts), so a change of
 * settings does not turn old rows into new ones.
 */
export function derivedIds(record: ValidRecord): DerivedIds {
  const legacy = basis(record);
  const rest = unmappedBefore(record);
  return rest === undefined ? { id: hashId(legacy), formerId: undefined } : { id: hashId([...legacy, rest]), formerId: hashId(legacy) };
}

export interface DerivedIds {
  id: string;
  /**
   * The id the same record was given before unmapped columns counted (its basis without them),
   * where it differs from `id`: ingest looks both up, so that a file imported before is not stored
   * a second time under its new id.
   */
  formerId: string | undefined;
}

/** Fields read since the legacy id was defined; before, their columns were unmapped (kept in meta). */
const MAPPED_SINCE = ['product', 'nps', 'csat', 'ces'] as const;

/**
 * What the legacy basis leaves out: the meta columns and the fields mapped since, as sorted
 * [key, value] pairs; undefined when the record has none (its id is then the legacy one).
 */
function unmappedBefore(record: ValidRecord): unknown[] | undefined {
  const pairs: unknown[] = stableMeta(record.meta) ?? [];
  for (const key of MAPPED_SINCE) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== '') pairs.push([`=${key}`, canonical(value)]);
  }
  return pairs.length === 0 ? undefined : pairs;
}

function hashId(basis: unknown[]): string {
  return `h-${sha256(JSON.stringify(basis)).slice(0, 32)}`;
}

function basis(record: ValidRecord): unknown[] {
  return [
    record.channel,
    record.text ?? null,
    record.turns?.map((t) => [t.role, t.text, t.at ?? null]) ?? null,
    record.author ?? null,
    record.postedAt ?? null,
    record.rating ?? null,
    record.url ?? null,
    record.region ?? null,
    record.segment ?? null,
    record.orderId ?? null,
  ];
}

/** Meta as sorted [key, value] pairs without the volatile keys; undefined when nothing is left. */
function stableMeta(meta: Record<string, unknown> | undefined): unknown[] | undefined {
  if (!meta) return undefined;
  const keys = Object.keys(meta).filter((k) => !VOLATILE_META.has(k)).sort();
  return keys.length === 0 ? undefined : keys.map((k) => [k, canonical(meta[k])]);
}

/** A value with object keys in sorted order: the same record exported with columns reordered is the same record. */
function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]);
  }
  return value;
}

/** Hash of the stored text: finds the same words posted under different ids. */
export function contentHash(text: string): string {
  return sha256(text).slice(0, 32);
}

/** One call per string (no Hash object to make and finish): it runs twice for every record ingested. */
function sha256(s: string): string {
  return hash('sha256', s, 'hex');
}
