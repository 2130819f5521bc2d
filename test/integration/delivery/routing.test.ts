import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/index.ts';
import { dispatchAlerts, sweepDeliveries } from '../../../src/delivery/index.ts';
import { startDeliveryWorker } from '../../../jobs/deliver.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import {
  alertStatuses,
  captureLogs,
  closeAfterEach,
  deliveryConfig,
  FOOD_SAFETY,
  openDelivery,
  prefixConfigFile,
  runPainpoint,
  SECRET,
  SPOILAGE,
  startReceiver,
  storeAlerts,
  waitUntil,
} from './delivery-support.ts';

/** A process configured with no endpoint at all (an ingest-only worker, say). */
function bareConfig(prefix: string): Readonly<Config> {
  return loadConfig({
    configFile: '',
    overrides: { pipeline: { queuePrefix: prefix }, delivery: { digestWindowSeconds: 0, sweepGraceSeconds: 0, sweepEverySeconds: 3600, escalateEverySeconds: 3600 } },
    env: { LOG_LEVEL: 'info' },
  });
}

async function openBare(prefix: string, databaseUrl: string, redisUrl: string | undefined): Promise<{ ctx: PipelineContext; logs: string[]; close(): Promise<void> }> {
  const { lines, stream } = captureLogs();
  const ctx = await createPipelineContext(bareConfig(prefix), { databaseUrl, redisUrl, migrate: false, logger: createLogger({ level: 'info', destination: stream }) });
  return { ctx, logs: lines, close: () => closePipelineContext(ctx) };
}

describe.each(bothBackends())('alert routing across processes on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('delivery_routing');
  const track = closeAfterEach();

  it('a process without the endpoint routes its alerts to the endpoint a delivery worker registered', async () => {
    const receiver = track(await startReceiver());
    const prefix = uniquePrefix('route');
    track(await openDelivery(deliveryConfig(prefix, receiver.url), db.current.url, redisUrl));
    const ingestOnly = track(await openBare(prefix, db.current.url, redisUrl));
    const [id] = await storeAlerts(ingestOnly.ctx, [[FOOD_SAFETY]]);
    await dispatchAlerts(ingestOnly.ctx, [id!]);
    await receiver.waitFor((all) => all.some((r) => r.id === String(id)), 15_000);
    await waitUntil(async () => (await alertStatuses(ingestOnly.ctx, [id!]))[0] === 'delivered', 10_000, 'alert delivered');
    expect(receiver.accepted()[0]!.verified).toBe(true);
  });

  it('a delivery worker that does not know an endpoint hands its jobs back instead of failing them; one started later refuses to start', async () => {
    const first = track(await startReceiver());
    const second = track(await startReceiver());
    const prefix = uniquePrefix('mixed');
    process.env.SECOND_SECRET = SECRET;
    try {
      const older = track(await openDelivery(deliveryConfig(prefix, first.url, { attempts: 2 }), db.current.url, redisUrl));
      const withSecond = deliveryConfig(prefix, first.url, { attempts: 2, endpoints: [{ name: 'second', url: second.url, secretEnv: 'SECOND_SECRET' }] });
      const newer = track(await openDelivery(withSecond, db.current.url, redisUrl));
      const ids = await storeAlerts(newer.ctx, [[SPOILAGE], [SPOILAGE], [SPOILAGE], [SPOILAGE]]);
      // Routed by the older worker's process, which has only `default` configured.
      await dispatchAlerts(older.ctx, ids);
      // Jobs the older worker takes go back every 2 s until the newer one has them: allow for a busy machine.
      await waitUntil(async () => (await alertStatuses(older.ctx, ids)).every((s) => s === 'delivered'), 45_000, 'alerts delivered to both endpoints');
      expect(new Set(second.accepted().map((r) => r.id))).toEqual(new Set(ids.map(String)));
      expect(new Set(first.accepted().map((r) => r.id))).toEqual(new Set(ids.map(String)));
      const failed = await older.ctx.pool.query("SELECT count(*)::int AS n FROM alert_deliveries WHERE alert_id = ANY($1::bigint[]) AND NOT ok", [ids]);
      expect(failed.rows[0].n).toBe(0);

      const ctx = await createPipelineContext(deliveryConfig(prefix, first.url), { databaseUrl: db.current.url, redisUrl, migrate: false, logger: createLogger({ level: 'silent' }) });
      try {
        await expect(startDeliveryWorker(ctx, { schedules: false })).rejects.toThrow(/"second" is registered for deployment .* not configured in this worker.*alerts endpoints --retire second/);
      } finally {
        await closePipelineContext(ctx);
      }
    } finally {
      delete process.env.SECOND_SECRET;
    }
  });

  it('alerts raised while no endpoint accepts them are unrouted, logged and counted; the sweep routes them once an endpoint is registered', async () => {
    const prefix = uniquePrefix('unrouted');
    const bare = track(await openBare(prefix, db.current.url, redisUrl));
    const ids = await storeAlerts(bare.ctx, [[FOOD_SAFETY], [SPOILAGE]]);
    await dispatchAlerts(bare.ctx, ids);
    expect(await alertStatuses(bare.ctx, ids)).toEqual(['unrouted', 'unrouted']);
    const warned = bare.logs.map((l) => JSON.parse(l)).find((l) => /unrouted/.test(l.msg));
    expect(warned).toMatchObject({ level: 40, alerts: 2, rules: expect.arrayContaining(['food_safety', 'spoilage']) });
    // A sweep with nothing registered changes nothing.
    await sweepDeliveries(bare.ctx);
    expect(await alertStatuses(bare.ctx, ids)).toEqual(['unrouted', 'unrouted']);

    const config = prefixConfigFile(prefix);
    try {
      const env = { DATABASE_URL: db.current.url, ...(redisUrl ? { REDIS_URL: redisUrl } : {}), PAINPOINT_CONFIG: config.file, LOG_LEVEL: 'silent' };
      const listed = await runPainpoint(['alerts', 'list', '--status', 'unrouted'], env);
      expect(listed.code).toBe(0);
      expect(listed.out.split('\n').filter((l) => /\bunrouted\b/.test(l)).length).toBeGreaterThanOrEqual(2);
      expect(listed.err).toMatch(/alerts by status: unrouted \d+/);
    } finally {
      await config.close();
    }

    const receiver = track(await startReceiver());
    track(await openDelivery(deliveryConfig(prefix, receiver.url, { sweepGraceSeconds: 0 }), db.current.url, redisUrl, { schedules: false }));
    expect((await sweepDeliveries(bare.ctx)).alerts).toBeGreaterThanOrEqual(2);
    await waitUntil(async () => (await alertStatuses(bare.ctx, ids)).every((s) => s === 'delivered'), 15_000, 'unrouted alerts delivered after the sweep');
    expect(new Set(receiver.accepted().map((r) => r.id))).toEqual(new Set(ids.map(String)));
  });

  it('`alerts retry --unrouted --since` routes the unrouted alerts about items posted since then, and no others', async () => {
    const prefix = uniquePrefix('retry-unrouted');
    const bare = track(await openBare(prefix, db.current.url, redisUrl));
    const [recent, old] = await storeAlerts(bare.ctx, [[SPOILAGE], [SPOILAGE]]);
    await bare.ctx.pool.query("UPDATE feedback SET posted_at = now() - interval '10 days' WHERE id = (SELECT feedback_id FROM alerts WHERE id = $1)", [old]);
    await dispatchAlerts(bare.ctx, [recent!, old!]);
    const receiver = track(await startReceiver());
    track(await openDelivery(deliveryConfig(prefix, receiver.url), db.current.url, redisUrl, { schedules: false }));
    const config = prefixConfigFile(prefix);
    try {
      const env = { DATABASE_URL: db.current.url, ...(redisUrl ? { REDIS_URL: redisUrl } : {}), PAINPOINT_CONFIG: config.file, LOG_LEVEL: 'silent', PAINPOINT_WEBHOOK_URL: receiver.url, PAINPOINT_WEBHOOK_SECRET: SECRET, PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' };
      const retried = await runPainpoint(['alerts', 'retry', '--unrouted', '--since', '3d'], env);
      expect(retried).toMatchObject({ code: 0, out: `queued 1 alert(s) for delivery: ${recent}\n` });
      const bad = await runPainpoint(['alerts', 'retry', '--unrouted', '--since', '2026-02-30'], env);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toMatch(/2026-02-30.*is not a date/);
    } finally {
      await config.close();
    }
    await waitUntil(async () => (await alertStatuses(bare.ctx, [recent!]))[0] === 'delivered', 15_000, 'recent alert delivered');
    expect(await alertStatuses(bare.ctx, [old!])).toEqual(['unrouted']);
    expect(receiver.accepted().map((r) => r.id)).toEqual([String(recent)]);
  });
});
