import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

const sql = sqlFolder('crawl');

export type CrawlTrigger = 'schedule' | 'manual';
export type CrawlRunStatus = 'running' | 'succeeded' | 'empty' | 'broken' | 'failed';

/** The counters of one crawl run (also what `painpoint crawl` prints). */
export interface CrawlCounts {
  pages: number;
  pagesFailed: number;
  pagesBlocked: number;
  itemsFound: number;
  itemsNew: number;
  itemsSeen: number;
  itemsInvalid: number;
  errors: number;
}

export interface CrawlRun extends CrawlCounts {
  id: number;
  sourceId: string;
  trigger: CrawlTrigger;
  status: CrawlRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  stopReason: string | null;
  detail: string | null;
}

export async function startCrawlRun(db: Queryable, sourceId: string, trigger: CrawlTrigger): Promise<number> {
  const { rows } = await db.query<{ id: number }>(sql('start-run'), [sourceId, trigger]);
  return Number(rows[0]!.id);
}

function countParams(c: CrawlCounts): number[] {
  return [c.pages, c.pagesFailed, c.pagesBlocked, c.itemsFound, c.itemsNew, c.itemsSeen, c.itemsInvalid, c.errors];
}

export async function recordCrawlProgress(db: Queryable, runId: number, counts: CrawlCounts): Promise<void> {
  await db.query(sql('record-progress'), [runId, ...countParams(counts)]);
}

export async function finishCrawlRun(
  db: Queryable,
  runId: number,
  end: CrawlCounts & { status: Exclude<CrawlRunStatus, 'running'>; stopReason: string; detail?: string | undefined },
): Promise<void> {
  await db.query(sql('finish-run'), [runId, ...countParams(end), end.status, end.stopReason, end.detail ?? null]);
}

export async function recentCrawlRuns(db: Queryable, sourceId: string, limit = 10): Promise<CrawlRun[]> {
  const { rows } = await db.query(sql('recent-runs'), [sourceId, limit]);
  return rows.map((r: Record<string, unknown>) => ({
    id: Number(r.id),
    sourceId: String(r.source_id),
    trigger: r.trigger as CrawlTrigger,
    status: r.status as CrawlRunStatus,
    startedAt: r.started_at as Date,
    finishedAt: (r.finished_at as Date | null) ?? null,
    pages: Number(r.pages),
    pagesFailed: Number(r.pages_failed),
    pagesBlocked: Number(r.pages_blocked),
    itemsFound: Number(r.items_found),
    itemsNew: Number(r.items_new),
    itemsSeen: Number(r.items_seen),
    itemsInvalid: Number(r.items_invalid),
    errors: Number(r.errors),
    stopReason: (r.stop_reason as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
  }));
}
