import { createHash } from 'node:crypto';
import type { ValidRecord } from './record-schema.ts';

/**
 * The id of a record whose source gave none: a hash of the whole record (text, turns, author,
 * posted_at, rating, url, region, segment, order id). Re-imports of the same row get the same id and
 * count once; two customers who both wrote 好评 stay two items when anything else tells them apart.
 * Computed from the record as it came (before masking and date shifts), so a change of settings
 * does not turn old rows into new ones.
 */
export function derivedExternalId(record: ValidRecord): string {
  const basis = [
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
  return `h-${sha256(JSON.stringify(basis)).slice(0, 32)}`;
}

/** Hash of the stored text: finds the same words posted under different ids. */
export function contentHash(text: string): string {
  return sha256(text).slice(0, 32);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
