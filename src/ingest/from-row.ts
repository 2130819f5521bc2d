import type { Channel } from '../domain/index.ts';
import { pickFields, type FieldMap } from './fields.ts';
import type { IncomingRecord } from './record-schema.ts';

export interface RowContext {
  channel: Channel;
  source: string;
  map?: FieldMap | undefined;
}

/**
 * A row of a file (CSV/XLSX cells by header, or a JSONL object) as an incoming record: the known
 * columns fill the record's fields, social counters and every other column go to `meta`. Values are
 * checked later, by ingest, so that one bad cell rejects one record with its field named.
 */
export function recordFromRow(row: Record<string, unknown>, context: RowContext): IncomingRecord {
  const { fields, rest } = pickFields(row, context.map);
  const meta: Record<string, unknown> = { ...rest };
  if (fields.platform !== undefined) meta.platform = fields.platform;
  if (fields.likes !== undefined) meta.likes = fields.likes;
  if (fields.reposts !== undefined) meta.reposts = fields.reposts;
  const record: IncomingRecord = { channel: context.channel, source: context.source };
  for (const key of ['externalId', 'text', 'turns', 'rating', 'postedAt', 'author', 'region', 'segment', 'url', 'orderId', 'nps', 'csat', 'ces', 'product'] as const) {
    if (fields[key] !== undefined) record[key] = fields[key];
  }
  if (Object.keys(meta).length > 0) record.meta = meta;
  return record;
}
