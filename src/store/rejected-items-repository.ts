import type pg from 'pg';
import { escapeUnstorable } from '../ingest/storable.ts';
import { sqlFolder } from './sql-files.ts';

const sql = sqlFolder('rejected-items');

/** A record that could not be ingested: a stable reason code, what was wrong, and where. */
export interface RejectedRecord {
  reason: string;
  message?: string | undefined;
  field?: string | undefined;
  source?: string | undefined;
  file?: string | undefined;
  line?: number | undefined;
  raw?: string | undefined;
}

/**
 * Records rejections of an import or crawl run. Idempotent on (run, line, raw record): a retried
 * job adds nothing. Returns how many rows were new.
 */
export async function saveRejections(pool: Pick<pg.Pool, 'query'>, importId: string, rejections: readonly RejectedRecord[]): Promise<number> {
  if (rejections.length === 0) return 0;
  const rows = rejections.map((r) => ({
    source: storable(r.source),
    file: storable(r.file),
    line: r.line ?? null,
    field: storable(r.field),
    reason: storable(r.reason)!,
    message: storable(r.message),
    raw: storable(r.raw),
  }));
  const result = await pool.query(sql('save'), [importId, JSON.stringify(rows)]);
  return result.rowCount ?? 0;
}

/** A rejection often quotes exactly what could not be stored (a NUL, half of a character). */
function storable(s: string | undefined): string | null {
  return s === undefined ? null : escapeUnstorable(s);
}
