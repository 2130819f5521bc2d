import { crawlSql, type Queryable } from './crawl-sql.ts';

/**
 * Reserves the next request slot for a host, `intervalSeconds` after the previous one, and returns
 * how many milliseconds to wait for it. The slot lives in Postgres (which every worker shares
 * whichever queue backend runs the jobs), so the spacing holds across jobs and processes.
 */
export async function reserveHostSlot(db: Queryable, host: string, intervalSeconds: number): Promise<number> {
  const { rows } = await db.query<{ wait_ms: number }>(crawlSql('reserve-host-slot'), [host, intervalSeconds]);
  return Number(rows[0]!.wait_ms);
}
