import type { Channel } from '../domain/index.ts';
import type { Queryable } from './pool.ts';
import { SCORE_REJECTION } from '../ingest/scores.ts';
import { sqlFolder } from './sql-files.ts';

const sql = sqlFolder('import-runs');

export interface ImportRunProgress {
  id: string;
  channel: Channel;
  source: string;
  file: string | null;
  /** Records read from the file so far (final once `batches` is set). */
  read: number;
  /** Batches enqueued; null while the file is still being read. */
  batches: number | null;
  batchesDone: number;
  /** Records that went all the way through (stored, duplicate or rejected). */
  recordsDone: number;
  /** Items this run was the first to bring. */
  stored: number;
  /** Records already stored before (this or an earlier run brought them first). */
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  /** Every batch of the run is through the store stage. */
  complete: boolean;
  startedAt: Date;
  finishedAt: Date | null;
}

export async function startImportRun(db: Queryable, run: { id: string; channel: Channel; source: string; file?: string | undefined }): Promise<void> {
  await db.query(sql('start'), [run.id, run.channel, run.source, run.file ?? null]);
}

export async function finishReading(db: Queryable, id: string, read: number, batches: number): Promise<void> {
  await db.query(sql('finish-reading'), [id, read, batches]);
}

/** Called after a batch's store transaction committed; harmless to repeat. */
export async function markBatchDone(db: Queryable, runId: string, batchNo: number, records: number): Promise<void> {
  await db.query(sql('batch-done'), [runId, batchNo, records]);
}

/** The file an import run reads, to name it in rejections made after ingest. */
export async function importRunFile(db: Queryable, runId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ file: string | null }>(sql('file'), [runId]);
  return rows[0]?.file ?? undefined;
}

export async function importRunProgress(db: Queryable, id: string): Promise<ImportRunProgress | undefined> {
  const { rows } = await db.query(sql('progress'), [id]);
  const r = rows[0] as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const reasons = await db.query<{ reason: string; count: number | string }>(sql('rejections'), [id]);
  const rejectedByReason: Record<string, number> = {};
  for (const row of reasons.rows) rejectedByReason[row.reason] = Number(row.count);
  const rejected = Object.values(rejectedByReason).reduce((a, b) => a + b, 0);
  const batches = r.batches === null ? null : Number(r.batches);
  const recordsDone = Number(r.records_done);
  const stored = Number(r.stored);
  const complete = batches !== null && Number(r.batches_done) >= batches;
  if (complete && r.finished_at === null) await db.query(sql('mark-finished'), [id]);
  return {
    id: String(r.id),
    channel: r.channel as Channel,
    source: String(r.source),
    file: (r.file as string | null) ?? null,
    read: Number(r.read),
    batches,
    batchesDone: Number(r.batches_done),
    recordsDone,
    stored,
    // A bad score is rejected on its own while its record is stored: not a record lost.
    duplicates: Math.max(0, recordsDone - stored - rejected + (rejectedByReason[SCORE_REJECTION] ?? 0)),
    rejected,
    rejectedByReason,
    complete,
    startedAt: r.started_at as Date,
    finishedAt: (r.finished_at as Date | null) ?? (complete ? new Date() : null),
  };
}
