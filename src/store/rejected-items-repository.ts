import type pg from 'pg';
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
    source: r.source ?? null,
    file: r.file ?? null,
    line: r.line ?? null,
    field: r.field ?? null,
    reason: r.reason,
    message: r.message ?? null,
    raw: r.raw ?? null,
  }));
  const result = await pool.query(sql('save'), [importId, JSON.stringify(rows)]);
  return result.rowCount ?? 0;
}
