import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { importRunProgress, type ImportRunProgress } from '../../store/import-runs-repository.ts';

/** Polls an import run until every batch is through the store stage (or the time runs out). */
export async function waitForImportRun(
  pool: pg.Pool,
  runId: string,
  options: { timeoutMs?: number; onProgress?: (p: ImportRunProgress) => void } = {},
): Promise<ImportRunProgress> {
  const deadline = Date.now() + (options.timeoutMs ?? Infinity);
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const progress = await importRunProgress(pool, runId);
    if (!progress) throw new Error(`no import run ${runId}`);
    options.onProgress?.(progress);
    if (progress.complete) return progress;
    if (Date.now() > deadline) return progress;
    await sleep(delay);
  }
}
