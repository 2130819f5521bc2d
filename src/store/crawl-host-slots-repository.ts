import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

const sql = sqlFolder('crawl');

/**
 * The per-host request slots every worker process shares (whichever queue backend runs the jobs):
 * one holder at a time per host, and the next request due one interval after the previous answer.
 */

/** Takes the host for one request if it is free and due; false when someone holds it or it is early. */
export async function takeHost(db: Queryable, host: string, holder: string, leaseSeconds: number): Promise<boolean> {
  const { rows } = await db.query(sql('take-host'), [host, holder, leaseSeconds]);
  return rows.length > 0;
}

/** How long until the host could be taken, and whether someone holds it now. */
export async function hostWait(db: Queryable, host: string): Promise<{ waitMs: number; held: boolean }> {
  const { rows } = await db.query<{ wait_ms: number; held: boolean }>(sql('host-wait'), [host]);
  const row = rows[0];
  return row ? { waitMs: Number(row.wait_ms), held: row.held } : { waitMs: 0, held: false };
}

/** Lets go of the host; its next request is due `intervalSeconds` from now. */
export async function releaseHost(db: Queryable, host: string, holder: string, intervalSeconds: number): Promise<void> {
  await db.query(sql('release-host'), [host, holder, intervalSeconds]);
}
