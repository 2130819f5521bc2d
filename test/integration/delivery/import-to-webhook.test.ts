import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { enqueueRecords } from '../../../src/pipeline/producers.ts';
import { startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { finishReading, startImportRun } from '../../../src/store/import-runs-repository.ts';
import { sharedAnalyzer } from '../pipeline/pipeline-support.ts';
import { redisUrl, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { alertStatuses, deliveryConfig, startReceiver, waitUntil, type Receiver } from './delivery-support.ts';

describe('from import to webhook', () => {
  const db = useTestDatabase('delivery_e2e');
  let receiver: Receiver | undefined;
  let ctx: PipelineContext | undefined;
  let worker: PipelineWorker | undefined;
  afterEach(async () => {
    await worker?.close(true);
    if (ctx) await closePipelineContext(ctx);
    await receiver?.close();
    receiver = ctx = worker = undefined;
  });

  it('a worker running every stage turns imported reviews saying 变质 and 拉肚子 into signed webhooks, and a negated one into none', async () => {
    receiver = await startReceiver();
    const config = deliveryConfig(uniquePrefix('e2e'), receiver.url);
    ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl: redisUrl(), migrate: false, logger: createLogger({ level: 'silent' }) });
    worker = await startWorker(ctx, { stages: ['ingest', 'store', 'deliver'], analyzer: await sharedAnalyzer() });

    const texts = ['收到的麻辣鸭脖已经变质了，打开一股酸味', '一点都没变质，很新鲜', '孩子吃完拉肚子了'];
    const records = texts.map((text, i) => ({ record: { channel: 'review' as const, source: 'tmall-shuxiang', externalId: `e2e-${i}`, text, url: `https://detail.example.com/r/${i}` } }));
    await startImportRun(ctx.pool, { id: 'e2e-run', channel: 'review', source: 'tmall-shuxiang' });
    const { batches } = await enqueueRecords(ctx, records, { runId: 'e2e-run' });
    await finishReading(ctx.pool, 'e2e-run', records.length, batches);

    await receiver.waitFor((all) => all.length >= 2, 20_000);
    await new Promise((r) => setTimeout(r, 300)); // nothing else arrives
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    const byRule = Object.fromEntries(receiver.requests.map((r) => [r.body.rule, r.body]));
    expect(byRule.spoilage).toMatchObject({ severity: 'high', keyword: '变质', feedback: { source: 'tmall-shuxiang', url: 'https://detail.example.com/r/0', channel: 'review' } });
    expect(byRule.spoilage.evidence).toContain('变质');
    expect(byRule.food_safety).toMatchObject({ severity: 'critical', keyword: '拉肚子' });
    // Deadline per severity: critical 1 h, high 4 h after creation.
    const hours = (b: { due_at: string; created_at: string }) => (Date.parse(b.due_at) - Date.parse(b.created_at)) / 3_600_000;
    expect(hours(byRule.food_safety)).toBeCloseTo(1, 2);
    expect(hours(byRule.spoilage)).toBeCloseTo(4, 2);
    const ids = receiver.requests.map((r) => r.body.id as number);
    await waitUntil(async () => (await alertStatuses(ctx!, ids)).every((s) => s === 'delivered'), 5_000, 'alerts delivered');
  });
});
