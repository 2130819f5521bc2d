import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAlerts } from '../../../src/delivery/index.ts';
import { listAlerts } from '../../../src/store/alerts-repository.ts';
import { redisUrl, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { alertStatuses, deliveryConfig, openDelivery, SECRET, SPOILAGE, startReceiver, storeAlerts, waitUntil, type DeliveryHarness, type Receiver } from './delivery-support.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('delivery retries', () => {
  const db = useTestDatabase('delivery_retries');
  let receiver: Receiver | undefined;
  let harness: DeliveryHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    await receiver?.close();
    harness = receiver = undefined;
  });

  it('a receiver answering 500 three times, then 200, gets one accepted delivery with the same X-Painpoint-Id each try', async () => {
    receiver = await startReceiver((n) => (n <= 3 ? 500 : 200));
    harness = await openDelivery(deliveryConfig(uniquePrefix('retry'), receiver.url, { attempts: 10, backoffMs: 30 }), db.current.url, redisUrl());
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    await dispatchAlerts(harness.ctx, [id!]);
    await waitUntil(async () => (await alertStatuses(harness!.ctx, [id!]))[0] === 'delivered', 15_000, 'alert delivered');

    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(receiver.accepted()).toHaveLength(1);
    expect(new Set(receiver.requests.map((r) => r.id))).toEqual(new Set([String(id)]));
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    // Exponential backoff: each wait at least the one before (30, 60, 120 ms nominal).
    const gaps = receiver.requests.slice(1).map((r, i) => r.at - receiver!.requests[i]!.at);
    expect(gaps[2]!).toBeGreaterThanOrEqual(100);
    const log = await harness.ctx.pool.query('SELECT attempt, ok, status_code FROM alert_deliveries WHERE alert_id = $1 ORDER BY attempt', [id]);
    expect(log.rows).toEqual([
      { attempt: 1, ok: false, status_code: 500 },
      { attempt: 2, ok: false, status_code: 500 },
      { attempt: 3, ok: false, status_code: 500 },
      { attempt: 4, ok: true, status_code: 200 },
    ]);
  });

  it('a receiver down past the retry budget leaves the alert failed; `painpoint alerts retry` then delivers it', async () => {
    let up = false;
    receiver = await startReceiver(() => (up ? 200 : 503));
    const prefix = uniquePrefix('down');
    harness = await openDelivery(deliveryConfig(prefix, receiver.url, { attempts: 3, backoffMs: 20 }), db.current.url, redisUrl());
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    await dispatchAlerts(harness.ctx, [id!]);
    await waitUntil(async () => (await alertStatuses(harness!.ctx, [id!]))[0] === 'failed', 15_000, 'alert failed');
    expect(receiver.requests).toHaveLength(3);

    const failed = await listAlerts(harness.ctx.pool, { status: 'failed' });
    expect(failed.map((a) => a.id)).toContain(id);
    expect(failed.find((a) => a.id === id)).toMatchObject({ attempts: 3, lastEndpoint: 'default', lastStatusCode: 503, lastError: 'HTTP 503' });

    up = true;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-retry-'));
    try {
      const configFile = path.join(dir, 'config.yaml');
      fs.writeFileSync(configFile, `pipeline:\n  queuePrefix: ${prefix}\n`);
      const env = { ...process.env, DATABASE_URL: db.current.url, REDIS_URL: redisUrl(), PAINPOINT_CONFIG: configFile, PAINPOINT_WEBHOOK_URL: receiver.url, PAINPOINT_WEBHOOK_SECRET: SECRET, PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' };
      const listed = await run(process.execPath, [path.join(ROOT, 'bin/painpoint.js'), 'alerts', 'list', '--status', 'failed'], { env, cwd: ROOT });
      expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+failed\\s+spoilage\\s+high`, 'm'));
      const retried = await run(process.execPath, [path.join(ROOT, 'bin/painpoint.js'), 'alerts', 'retry', '--failed'], { env, cwd: ROOT });
      expect(retried.stdout).toContain(`queued 1 alert(s) for delivery: ${id}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await waitUntil(async () => (await alertStatuses(harness!.ctx, [id!]))[0] === 'delivered', 15_000, 'alert delivered after retry');
    expect(receiver.accepted()).toHaveLength(1);
    expect(receiver.accepted()[0]!.id).toBe(String(id));
    expect(receiver.accepted()[0]!.verified).toBe(true);
  });

  it('does not follow a redirect to a host the allowlist refuses', async () => {
    receiver = await startReceiver(() => ({ status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data' } }));
    harness = await openDelivery(deliveryConfig(uniquePrefix('redirect'), receiver.url, { attempts: 5 }), db.current.url, redisUrl());
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    await dispatchAlerts(harness.ctx, [id!]);
    await waitUntil(async () => (await alertStatuses(harness!.ctx, [id!]))[0] === 'failed', 15_000, 'alert failed');
    expect(receiver.requests).toHaveLength(1); // refused at once, not retried
    const log = await harness.ctx.pool.query('SELECT error FROM alert_deliveries WHERE alert_id = $1', [id]);
    expect(log.rows[0].error).toMatch(/169\.254\.169\.254.*allowlist/);
  });
});
