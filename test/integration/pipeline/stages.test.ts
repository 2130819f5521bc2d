import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingRecord } from '../../../src/ingest/index.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { enqueueRecords } from '../../../src/pipeline/producers.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { LANE_PRIORITY } from '../../../src/pipeline/lanes.ts';
import type { StoreJobData } from '../../../src/pipeline/payloads.ts';
import { waitForImportRun } from '../../../src/sources/importers/wait-for-run.ts';
import { finishReading, startImportRun } from '../../../src/store/import-runs-repository.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, count, expectedTotals, openContext, sharedAnalyzer, tallyTotals, testConfig } from './pipeline-support.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/pipeline/reviews.csv');

/** The fixture's rows as records (it has no quoted fields, so a split is a faithful parse). */
function fixtureRecords(source: string): IncomingRecord[] {
  const [header, ...lines] = fs.readFileSync(FIXTURE, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const row = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
    return { channel: 'review', source, externalId: row.id, text: row.text, rating: row.rating, postedAt: row.posted_at, author: row.author, region: row.region, segment: row.segment, orderId: row.order_id };
  });
}

describe.each(bothBackends())('pipeline stages on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('stages');
  const open: { ctx: PipelineContext; worker?: PipelineWorker }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) {
      await o.worker?.close();
      await closePipelineContext(o.ctx);
    }
  });

  async function start(prefix: string, runWorker = true) {
    const ctx = await openContext(testConfig(prefix, { batchSize: 7 }), db.current.url, redisUrl);
    const entry: { ctx: PipelineContext; worker?: PipelineWorker; analysed: number } = { ctx, analysed: 0 };
    open.push(entry);
    const shared = await sharedAnalyzer();
    // Counts the texts the worker has analysed.
    const analyzer = { analyzeBatch: (texts: readonly string[]) => ((entry.analysed += texts.length), shared.analyzeBatch(texts)) };
    if (runWorker) entry.worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer });
    return entry;
  }

  async function run(ctx: PipelineContext, runId: string, records: IncomingRecord[]) {
    await startImportRun(ctx.pool, { id: runId, channel: 'review', source: records[0]!.source });
    const { batches } = await enqueueRecords(ctx, records.map((record, i) => ({ record, origin: { line: i + 2 } })), { runId });
    await finishReading(ctx.pool, runId, records.length, batches);
    return waitForImportRun(ctx.pool, runId, { timeoutMs: 30_000 });
  }

  it('analyses each item under its source\'s domain (nlp.sourceDomains): 坏了 of a phone shop is no spoilage', async () => {
    const ctx = await openContext(testConfig(uniquePrefix('domains'), { batchSize: 7 }, { sourceDomains: { 'domains-phones': 'goods' } }), db.current.url, redisUrl);
    const entry: { ctx: PipelineContext; worker?: PipelineWorker } = { ctx };
    open.push(entry);
    entry.worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
    for (const source of ['domains-phones', 'domains-fruit']) {
      const records: IncomingRecord[] = [{ channel: 'review', source, externalId: `${source}-1`, text: '芒果收到就坏了' }];
      expect(await run(ctx, `run-${source}`, records)).toMatchObject({ complete: true, stored: 1 });
    }
    const { rows } = await ctx.pool.query<{ source: string; rule: string }>(`SELECT f.source, a.rule FROM alerts a JOIN feedback f ON f.id = a.feedback_id WHERE f.source LIKE 'domains-%' ORDER BY 1`);
    expect(rows).toEqual([{ source: 'domains-fruit', rule: 'spoilage' }]);
  });

  it('carries batches through ingest (with the analysis) and store; tallies equal offline analysis', async () => {
    const { ctx, worker } = await start(uniquePrefix('stages'));
    const records = fixtureRecords('stages-a');
    const done = await run(ctx, 'run-a', records);
    expect(done).toMatchObject({ complete: true, batches: 5, read: 30, stored: 30, duplicates: 0, rejected: 0 });
    const expected = await expectedTotals(records.map((r) => String(r.text)));
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(await tallyTotals(ctx.pool, 'stages-a')).toEqual(expected);
    // The batch is ticked off inside the store job, a moment before the worker counts the job as done.
    await expect.poll(() => worker!.timings.store.items).toBe(30);
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE source = 'stages-a' AND import_id = 'run-a'`)).toBe(30);
  });

  it('stores nothing new when the same records come again, and a repeated enqueue is one job', async () => {
    const started = await start(uniquePrefix('stages'));
    const { ctx } = started;
    const records = fixtureRecords('stages-b');
    await run(ctx, 'run-b1', records);
    const before = await tallyTotals(ctx.pool, 'stages-b');
    expect(started.analysed).toBe(30);
    const again = await run(ctx, 'run-b2', records);
    expect(again).toMatchObject({ complete: true, stored: 0, duplicates: 30 });
    expect(await tallyTotals(ctx.pool, 'stages-b')).toEqual(before);
    // Ingest left out what was stored already: nothing was analysed a second time.
    expect(started.analysed).toBe(30);

    const idle = await start(uniquePrefix('stages'), false);
    const entries = records.map((record) => ({ record }));
    await enqueueRecords(idle.ctx, entries, { runId: 'run-b3' });
    await enqueueRecords(idle.ctx, entries, { runId: 'run-b3' });
    // Every job has a lane (a priority), so BullMQ counts them as `prioritized` rather than `waiting`.
    const counts = await idle.ctx.queues.queue('ingest').getJobCounts('waiting', 'prioritized');
    expect((counts.waiting ?? 0) + (counts.prioritized ?? 0)).toBe(5);
  });

  it('drops a repeat within a batch before analysing it: stored and counted once', async () => {
    const started = await start(uniquePrefix('stages'));
    const records = fixtureRecords('stages-e');
    const done = await run(started.ctx, 'run-e', [records[0]!, ...records]);
    expect(done).toMatchObject({ complete: true, read: 31, stored: 30, duplicates: 1, rejected: 0 });
    expect(started.analysed).toBe(30);
    expect(await tallyTotals(started.ctx.pool, 'stages-e')).toEqual(await expectedTotals(records.map((r) => String(r.text))));
  });

  it('an ingest job that fails after its store committed is retried without counting the batch twice', async () => {
    const prefix = uniquePrefix('stages');
    const started = await start(prefix);
    const { ctx } = started;
    const runId = `run-f-${prefix}`;
    const attempts = `${prefix.replace(/\W/g, '_')}_attempts`;
    // Postgres refuses, once, to tick off batch 2 of the run: the ingest job storing that batch has
    // committed its items and tallies and then fails, as if the worker died right there. A sequence
    // counts the attempts, since the failing statement's own writes roll back.
    await ctx.pool.query(`
      CREATE SEQUENCE ${attempts};
      CREATE OR REPLACE FUNCTION ${attempts}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.run_id = '${runId}' AND NEW.batch_no = 2 AND nextval('${attempts}') = 1 THEN
          RAISE EXCEPTION 'injected failure after the store committed';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER ${attempts} BEFORE INSERT ON import_run_batches FOR EACH ROW EXECUTE FUNCTION ${attempts}();`);
    const records = fixtureRecords('stages-f');
    const done = await run(ctx, runId, records);
    await ctx.pool.query(`DROP TRIGGER ${attempts} ON import_run_batches; DROP FUNCTION ${attempts}()`);
    expect(await count(ctx.pool, `SELECT last_value AS n FROM ${attempts}`)).toBe(2);
    expect(done).toMatchObject({ complete: true, batches: 5, read: 30, stored: 30, rejected: 0 });
    expect(await tallyTotals(ctx.pool, 'stages-f')).toEqual(await expectedTotals(records.map((r) => String(r.text))));
    expect(await count(ctx.pool, `SELECT sum(items) AS n FROM feedback_daily WHERE source = 'stages-f'`)).toBe(30);
    // The retry found the failed batch's 7 items stored and analysed none of them again.
    expect(started.analysed).toBe(30);
  });

  it('ends with the same tallies when two workers share the queues', async () => {
    const prefix = uniquePrefix('stages');
    const a = await start(prefix);
    const b = await start(prefix);
    const records = fixtureRecords('stages-c');
    const done = await run(a.ctx, 'run-c', records);
    expect(done).toMatchObject({ complete: true, stored: 30, duplicates: 0 });
    expect(await tallyTotals(a.ctx.pool, 'stages-c')).toEqual(await expectedTotals(records.map((r) => String(r.text))));
    await expect.poll(() => a.worker!.timings.store.jobs + b.worker!.timings.store.jobs).toBeGreaterThanOrEqual(5);
  });

  it('rejects bad records with reason, field and line, and stores the rest', async () => {
    const { ctx } = await start(uniquePrefix('stages'));
    const records = fixtureRecords('stages-d');
    records[3] = { ...records[3]!, rating: '九星' };
    records[8] = { ...records[8]!, text: '  ' };
    const done = await run(ctx, 'run-d', records);
    expect(done).toMatchObject({ complete: true, stored: 28, rejected: 2, rejectedByReason: { invalid_rating: 1, missing_text: 1 } });
    const { rows } = await ctx.pool.query(`SELECT line, field, reason FROM rejected_items WHERE import_id = 'run-d' ORDER BY line`);
    expect(rows).toEqual([
      { line: 5, field: 'rating', reason: 'invalid_rating' },
      { line: 10, field: 'text', reason: 'missing_text' },
    ]);
  });

  it('a batch whose item opens a critical negative_feedback case goes to the store in the critical lane', async () => {
    const prefix = uniquePrefix('stages');
    const config = loadConfig({
      configFile: '',
      overrides: { nlp: { sentiment: 'lexicon' }, pipeline: { queuePrefix: prefix }, delivery: { cases: { negativeFeedback: { ratingAtMost: 1, severity: 'critical' } } } },
      env: { LOG_LEVEL: 'silent' },
    });
    const ctx = await openContext(config, db.current.url, redisUrl);
    // Ingest alone: the store jobs stay in their queue to be looked at.
    const worker = await startWorker(ctx, { stages: ['ingest'], analyzer: await sharedAnalyzer() });
    open.push({ ctx, worker });
    for (const [runId, rating] of [['lane-low', 1], ['lane-fine', 4]] as const) {
      await startImportRun(ctx.pool, { id: runId, channel: 'review', source: runId });
      const { batches } = await enqueueRecords(ctx, [{ record: { channel: 'review', source: runId, externalId: 'x1', text: '收到了', rating } }], { runId });
      await finishReading(ctx.pool, runId, 1, batches);
    }
    const storeJobs = () => ctx.queues.queue<StoreJobData>('store').getJobs(['prioritized', 'waiting']);
    await expect.poll(async () => (await storeJobs()).length, { timeout: 20_000 }).toBe(2);
    const lanes = Object.fromEntries((await storeJobs()).map((job) => [job.data.runId, [job.data.lane, job.opts.priority]]));
    expect(lanes).toEqual({ 'lane-low': ['critical', LANE_PRIORITY.critical], 'lane-fine': ['normal', LANE_PRIORITY.normal] });
  });
});
