import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { importFile, waitForImportRun } from '../../../src/sources/importers/index.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, openContext, sharedAnalyzer, testConfig } from './pipeline-support.ts';

const ROWS = 300;
const BATCH = 10;
const MAX_QUEUED = 3;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-pressure-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * The importer's back-pressure holds where the pipeline is slow, not only where it is fast: with
 * ingest (and analysis) running and the store stopped, reading pauses once the bulk lane holds
 * `maxQueuedBatches` batches, and goes on when the store does.
 */
describe.each(bothBackends())('import back-pressure on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('pressure');
  let ctx: PipelineContext;
  const workers: PipelineWorker[] = [];
  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('pressure'), { batchSize: BATCH, maxQueuedBatches: MAX_QUEUED }), db.current.url, redisUrl);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close(true)));
    if (ctx) await closePipelineContext(ctx);
  });

  it('pauses reading while batches wait for the store, and finishes once the store runs', async () => {
    const file = path.join(tmp, `pressure-${redisUrl ? 'redis' : 'postgres'}.csv`);
    fs.writeFileSync(file, ['id,text', ...Array.from({ length: ROWS }, (_, i) => `p-${i},第${i}单配送太慢了，饭菜都凉了`)].join('\n') + '\n');
    workers.push(await startWorker(ctx, { stages: ['ingest'], analyzer: await sharedAnalyzer() }));

    let finished = false;
    const importing = importFile(ctx, { file, channel: 'review', source: 'pressure' }).then((r) => ((finished = true), r));
    const waitingForStore = async () => {
      const counts = await ctx.queues.queue('store-bulk').getJobCounts('waiting', 'prioritized', 'delayed');
      return (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
    };
    const deadline = Date.now() + 20_000;
    while ((await waitingForStore()) < MAX_QUEUED && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Long enough for ingest to take every batch the importer would still add.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(finished).toBe(false);
    const bulkInQueues = (await waitingForStore()) + Object.values(await ctx.queues.queue('ingest-bulk').getJobCounts('waiting', 'prioritized', 'delayed', 'active')).reduce((a, b) => a + b, 0);
    expect(bulkInQueues).toBeGreaterThanOrEqual(MAX_QUEUED);
    // At most the batches waiting, plus the one whose enqueue found room last.
    expect(bulkInQueues).toBeLessThanOrEqual(MAX_QUEUED + 1);

    workers.push(await startWorker(ctx, { stages: ['store'] }));
    const run = await importing;
    expect(run).toMatchObject({ read: ROWS, batches: ROWS / BATCH });
    expect(await waitForImportRun(ctx.pool, run.runId, { timeoutMs: 30_000 })).toMatchObject({ complete: true, read: ROWS, stored: ROWS, rejected: 0 });
  });
});
