import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from '../../../src/services/embedded-postgres.ts';
import { startThrowawayServices, type ThrowawayServices } from '../../../src/services/throwaway.ts';
import { createPipelineContext } from '../../../src/pipeline/connection.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { importFile } from '../../../src/sources/importers/index.ts';
import { importRunProgress } from '../../../src/store/import-runs-repository.ts';
import { bothBackends, uniquePrefix } from '../../support/services.ts';
import {
  closePipelineContext,
  expectImportExactlyOnce,
  expectedTotalsOfRecords,
  sharedAnalyzer,
  snapshotNlpAssets,
  testConfig,
  writeCorpusCsv,
  type TallyTotals,
} from './pipeline-support.ts';

const REVIEWS = 10_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-pg-restart-'));
const file = path.join(tmp, 'reviews.csv');
let expected: TallyTotals;
let nlp: Record<string, string>;

beforeAll(async () => {
  nlp = snapshotNlpAssets(tmp);
  expected = await expectedTotalsOfRecords(await writeCorpusCsv(file, REVIEWS), testConfig('unused', {}, nlp));
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(bothBackends())('Postgres restarting mid-import, queues on $backend', ({ redisUrl }) => {
  // A Postgres of this test's own: the shared one must not go away under other tests.
  let services: ThrowawayServices;
  let restartedPid: number | undefined;
  beforeAll(async () => {
    services = await startThrowawayServices({ redis: false });
  }, 60_000);
  afterAll(async () => {
    if (restartedPid) await stopEmbeddedPostgres(restartedPid);
    await services?.stop();
  });

  it('ends with exactly the tallies of an uninterrupted run', async () => {
    const config = testConfig(uniquePrefix('pgrestart'), { batchSize: 200, lockMs: 4_000, maxQueuedBatches: 1_000 }, nlp);
    const ctx = await createPipelineContext(config, { databaseUrl: services.databaseUrl, redisUrl, logger: createLogger({ level: 'silent' }) });
    // Every batch is queued before the worker starts: a worker running beside the import could
    // store the whole file while it was still being queued (a fresh-clone run saw all 50 stored
    // before the first poll), and the restart would then prove nothing.
    let worker: PipelineWorker | undefined;
    try {
      const run = await importFile(ctx, { file, channel: 'review', source: 'restart' });
      worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer(config) });
      for (;;) {
        const p = await importRunProgress(ctx.pool, run.runId);
        // The first batch done is the cue: the rest are still to come.
        if (p!.batchesDone >= 1) {
          // The restart must come while batches are still on their way.
          expect(p!.batchesDone).toBeLessThan(run.batches);
          break;
        }
        await sleep(20);
      }
      // Fast shutdown: open transactions roll back, connections drop; then the same server again.
      const admin = new URL(services.adminUrl);
      await stopEmbeddedPostgres(services.pids[0]!);
      await sleep(1_500);
      restartedPid = await startEmbeddedPostgres({
        dataDir: path.join(services.root, 'pg'),
        port: Number(admin.port),
        password: decodeURIComponent(admin.password),
        logFile: path.join(services.root, 'pg-restarted.log'),
        attached: true,
        settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: 300 },
      });

      await expectImportExactlyOnce(ctx.pool, run.runId, 'restart', REVIEWS, expected, 120_000);
    } finally {
      await worker?.close();
      await closePipelineContext(ctx);
    }
  }, 180_000);
});
