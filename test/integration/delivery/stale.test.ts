import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import { enqueueRecords } from '../../../src/pipeline/producers.ts';
import { startWorker } from '../../../jobs/index.ts';
import { finishReading, startImportRun } from '../../../src/store/import-runs-repository.ts';
import { sharedAnalyzer } from '../pipeline/pipeline-support.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closeAfterEach, deliveryConfig, prefixConfigFile, runPainpoint, SECRET, startReceiver, waitUntil } from './delivery-support.ts';

describe.each(bothBackends())('history does not page people, on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('delivery_stale');
  const track = closeAfterEach();

  it('alerts about items posted longer ago than delivery.maxAgeHours are stale, not sent; `alerts retry --stale --since` sends them', async () => {
    const receiver = track(await startReceiver());
    const prefix = uniquePrefix('stale');
    const config = deliveryConfig(prefix, receiver.url, { maxAgeHours: 72 });
    const ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl, migrate: false, logger: createLogger({ level: 'silent' }) });
    const worker = await startWorker(ctx, { stages: ['ingest', 'store', 'deliver'], analyzer: await sharedAnalyzer() });
    track({ close: async () => (await worker.close(true), await closePipelineContext(ctx)) });

    const day = 86_400_000;
    const posted = [Date.now() - 60_000, Date.now() - 10 * day, Date.now() - 400 * day];
    const records = posted.map((t, i) => ({ record: { channel: 'review' as const, source: 'tmall-history', externalId: `stale-${i}`, text: '收到的麻辣鸭脖已经变质了，打开一股酸味', postedAt: new Date(t).toISOString() } }));
    await startImportRun(ctx.pool, { id: `${prefix}-run`, channel: 'review', source: 'tmall-history' });
    const { batches } = await enqueueRecords(ctx, records, { runId: `${prefix}-run` });
    await finishReading(ctx.pool, `${prefix}-run`, records.length, batches);

    const statuses = async () =>
      (await ctx.pool.query<{ external_id: string; status: string }>("SELECT f.external_id, a.status FROM alerts a JOIN feedback f ON f.id = a.feedback_id WHERE f.source = 'tmall-history' ORDER BY f.external_id")).rows.map((r) => r.status);
    await waitUntil(async () => (await statuses()).join() === 'delivered,stale,stale', 20_000, 'fresh alert delivered, old ones stale');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.body.feedback.posted_at).toBe(new Date(posted[0]!).toISOString());

    const file = prefixConfigFile(prefix);
    try {
      const env = { DATABASE_URL: db.current.url, ...(redisUrl ? { REDIS_URL: redisUrl } : {}), PAINPOINT_CONFIG: file.file, LOG_LEVEL: 'silent', PAINPOINT_WEBHOOK_URL: receiver.url, PAINPOINT_WEBHOOK_SECRET: SECRET, PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' };
      const since = new Date(Date.now() - 30 * day).toISOString().slice(0, 10);
      const retried = await runPainpoint(['alerts', 'retry', '--stale', '--since', since], env);
      expect(retried.code).toBe(0);
      expect(retried.out).toMatch(/^queued 1 alert\(s\) for delivery: \d+\n$/);
    } finally {
      await file.close();
    }
    await waitUntil(async () => (await statuses()).join() === 'delivered,delivered,stale', 20_000, 'the stale alert since then delivered');
    expect(receiver.requests.map((r) => r.body.feedback.posted_at).sort()).toEqual([new Date(posted[1]!).toISOString(), new Date(posted[0]!).toISOString()].sort());
  });
});
