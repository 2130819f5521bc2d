import { describe, expect, it } from 'vitest';
import { dispatchAlerts } from '../../../src/delivery/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import { addIngestJobs, enqueueRecords } from '../../../src/pipeline/producers.ts';
import { startWorker } from '../../../jobs/index.ts';
import { finishReading, startImportRun } from '../../../src/store/import-runs-repository.ts';
import { sharedAnalyzer } from '../pipeline/pipeline-support.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closeAfterEach, deliveryConfig, FOOD_SAFETY, LATE, openDelivery, startReceiver, storeAlerts, waitUntil } from './delivery-support.ts';

const BULK_BATCHES = 60;
const BULK_BATCH_SIZE = 100;

describe.each(bothBackends())('critical work first on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('delivery_priority');
  const track = closeAfterEach();

  it('a critical review overtakes a bulk import at every stage', async () => {
    const receiver = track(await startReceiver());
    const prefix = uniquePrefix('lanes');
    const config = deliveryConfig(prefix, receiver.url, {}, {});
    const ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl, migrate: false, logger: createLogger({ level: 'silent' }) });
    track({ close: () => closePipelineContext(ctx) });

    // A bulk import already queued: its batches after the first are in the bulk lane.
    const bulkRun = `${prefix}-bulk`;
    await startImportRun(ctx.pool, { id: bulkRun, channel: 'review', source: 'bulk-import' });
    const jobs = Array.from({ length: BULK_BATCHES }, (_, b) => ({
      runId: bulkRun,
      batchNo: b + 1,
      records: BULK_BATCH_SIZE,
      entries: Array.from({ length: BULK_BATCH_SIZE }, (_, k) => ({ record: { channel: 'review' as const, source: 'bulk-import', externalId: `b${b}-${k}`, text: `第${b}批第${k}条，配送有点慢，味道还行` } })),
    }));
    await addIngestJobs(ctx, jobs);
    const worker = await startWorker(ctx, { stages: ['ingest', 'store', 'deliver'], concurrency: 1, analyzer: await sharedAnalyzer() });
    track({ close: () => worker.close(true) });
    const storedBulk = async () => (await ctx.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback WHERE source = 'bulk-import'")).rows[0]!.n;
    await waitUntil(async () => (await storedBulk()) > 0, 20_000, 'the bulk import flowing');

    const probeRun = `${prefix}-probe`;
    await startImportRun(ctx.pool, { id: probeRun, channel: 'review', source: 'probe' });
    const { batches } = await enqueueRecords(ctx, [{ record: { channel: 'review', source: 'probe', externalId: 'probe-1', text: '孩子吃完拉肚子了' } }], { runId: probeRun });
    await finishReading(ctx.pool, probeRun, 1, batches);
    await receiver.waitFor((all) => all.some((r) => r.body.feedback?.source === 'probe'), 30_000);
    const bulkBefore = await storedBulk();
    // First in, first out would have stored all 6,000 bulk items first.
    expect(bulkBefore).toBeLessThan((BULK_BATCHES * BULK_BATCH_SIZE) / 2);
  });

  it('a critical alert is delivered before hundreds of medium ones queued ahead of it', async () => {
    const receiver = track(await startReceiver());
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('deliver-lanes'), receiver.url, { concurrency: 1 }), db.current.url, redisUrl, { schedules: false }));
    const medium = await storeAlerts(harness.ctx, Array.from({ length: 300 }, () => [LATE]), 'busy-shop');
    await dispatchAlerts(harness.ctx, medium);
    await receiver.waitFor((all) => all.length >= 5, 15_000);
    const [critical] = await storeAlerts(harness.ctx, [[FOOD_SAFETY]], 'busy-shop');
    await dispatchAlerts(harness.ctx, [critical!]);
    // Counted once the critical job is queued: on a busy machine many medium ones may have gone out
    // while it was being stored, but from here on it goes next (first in, first out: ~300 later).
    const queuedAt = receiver.requests.length;
    await receiver.waitFor((all) => all.some((r) => r.id === String(critical)), 30_000);
    const position = receiver.requests.findIndex((r) => r.id === String(critical));
    expect(position - queuedAt).toBeLessThan(10);
    await waitUntil(async () => receiver.requests.length >= 301, 60_000, 'every medium alert delivered too');
  });
});
