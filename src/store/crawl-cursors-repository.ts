import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

const sql = sqlFolder('crawl');

/** Where a source's crawling stands: what it has yielded before decides "new" and "broken". */
export interface CrawlCursor {
  sourceId: string;
  /** Distinct items the source has ever yielded. */
  itemsSeen: number;
  lastItemsFound: number | null;
  newestExternalId: string | null;
  lastRunId: number | null;
  lastCrawledAt: Date | null;
}

export async function readCursor(db: Queryable, sourceId: string): Promise<CrawlCursor | undefined> {
  const { rows } = await db.query(sql('cursor'), [sourceId]);
  const r = rows[0] as Record<string, unknown> | undefined;
  if (!r) return undefined;
  return {
    sourceId,
    itemsSeen: Number(r.items_seen),
    lastItemsFound: r.last_items_found === null ? null : Number(r.last_items_found),
    newestExternalId: (r.newest_external_id as string | null) ?? null,
    lastRunId: r.last_run_id === null ? null : Number(r.last_run_id),
    lastCrawledAt: (r.last_crawled_at as Date | null) ?? null,
  };
}

/** The ids among `externalIds` that the source has already yielded. */
export async function seenAmong(db: Queryable, sourceId: string, externalIds: readonly string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const { rows } = await db.query<{ external_id: string }>(sql('seen-among'), [sourceId, externalIds]);
  return new Set(rows.map((r) => r.external_id));
}

/** Records items as yielded; call only after they are safely on the ingest queue. */
export async function markSeen(db: Queryable, sourceId: string, externalIds: readonly string[], runId: number): Promise<void> {
  if (externalIds.length === 0) return;
  await db.query(sql('mark-seen'), [sourceId, externalIds, runId]);
}

export async function advanceCursor(db: Queryable, sourceId: string, run: { runId: number; itemsFound: number; newestExternalId: string | undefined }): Promise<void> {
  await db.query(sql('advance-cursor'), [sourceId, run.runId, run.itemsFound, run.newestExternalId ?? null]);
}
