import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchAlerts } from '../../../src/delivery/index.ts';
import { listAlerts } from '../../../src/store/alerts-repository.ts';
import { painpoint } from '../../support/cli.ts';
import { redisUrl, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { alertStatuses, closeAfterEach, deliveryConfig, openDelivery, SECRET, SPOILAGE, startReceiver, storeAlerts, waitUntil } from './delivery-support.ts';

describe('delivery retries', () => {
  const db = useTestDatabase('delivery_retries');
  const track = closeAfterEach();

  it('a receiver answering 500 three times, then 200, gets one accepted delivery with the same X-Painpoint-Id each try', async () => {
    const receiver = track(await startReceiver((n) => (n <= 3 ? 500 : 200)));
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('retry'), receiver.url, { attempts: 10, backoffMs: 30 }), db.current.url, redisUrl()));
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    await dispatchAlerts(harness.ctx, [id!]);
    await waitUntil(async () => (await alertStatuses(harness.ctx, [id!]))[0] === 'delivered', 15_000, 'alert delivered');

    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(receiver.accepted()).toHaveLength(1);
    expect(new Set(receiver.requests.map((r) => r.id))).toEqual(new Set([String(id)]));
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    // Exponential backoff: each wait at least the one before (30, 60, 120 ms nominal).
    const gaps = receiver.requests.slice(1).map((r, i) => r.at - receiver.requests[i]!.at);
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
    const receiver = track(await startReceiver(() => (up ? 200 : 503)));
    const prefix = uniquePrefix('down');
    const harness = track(await openDelivery(deliveryConfig(prefix, receiver.url, { attempts: 3, backoffMs: 20 }), db.current.url, redisUrl()));
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    await dispatchAlerts(harness.ctx, [id!]);
    await waitUntil(async () => (await alertStatuses(harness.ctx, [id!]))[0] === 'failed', 15_000, 'alert failed');
    expect(receiver.requests).toHaveLength(3);

    const failed = await listAlerts(harness.ctx.pool, { status: 'failed' });
    expect(failed.map((a) => a.id)).toContain(id);
    expect(failed.find((a) => a.id === id)).toMatchObject({ attempts: 3, lastEndpoint: 'default', lastStatusCode: 503, lastError: 'HTTP 503' });

    up = true;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-retry-'));
    try {
      const configFile = path.join(dir, 'config.yaml');
      fs.writeFileSync(configFile, `pipeline:\n  queuePrefix: ${prefix}\n`);
      // The commands as `painpoint` runs them (bin/painpoint.js → main), in this process.
      const env = { DATABASE_URL: db.current.url, REDIS_URL: redisUrl(), PAINPOINT_CONFIG: configFile, PAINPOINT_WEBHOOK_URL: receiver.url, PAINPOINT_WEBHOOK_SECRET: SECRET, PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' };
      const listed = await painpoint(['alerts', 'list', '--status', 'failed'], env);
      expect(listed.code).toBe(0);
      expect(listed.out).toMatch(new RegExp(`^${id}\\s+failed\\s+spoilage\\s+high\\s+jd-flagship\\s.*default: HTTP 503`, 'm'));
      const retried = await painpoint(['alerts', 'retry', '--failed'], env);
      expect(retried).toMatchObject({ code: 0, out: `queued 1 alert(s) for delivery: ${id}\n` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await waitUntil(async () => (await alertStatuses(harness.ctx, [id!]))[0] === 'delivered', 15_000, 'alert delivered after retry');
    expect(receiver.accepted()).toHaveLength(1);
    expect(receiver.accepted()[0]!.id).toBe(String(id));
    expect(receiver.accepted()[0]!.verified).toBe(true);
  });

  it('does not follow a redirect to a host the allowlist refuses', async () => {
    const receiver = track(await startReceiver(() => ({ status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data' } })));
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('redirect'), receiver.url, { attempts: 5 }), db.current.url, redisUrl()));
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    await dispatchAlerts(harness.ctx, [id!]);
    await waitUntil(async () => (await alertStatuses(harness.ctx, [id!]))[0] === 'failed', 15_000, 'alert failed');
    expect(receiver.requests).toHaveLength(1); // refused at once, not retried
    const log = await harness.ctx.pool.query('SELECT error FROM alert_deliveries WHERE alert_id = $1', [id]);
    expect(log.rows[0].error).toMatch(/169\.254\.169\.254.*allowlist/);
  });

  it('a DingTalk bot answering HTTP 200 with an error code is retried; its sign checks out as DingTalk computes it', async () => {
    const bot = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://bot');
        const ts = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', 'SEC-ding').update(`${ts}\nSEC-ding`).digest('base64');
        const signed = url.searchParams.get('sign') === expected && url.searchParams.get('access_token') === 'tok';
        botCalls.push({ signed, body: JSON.parse(raw) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(botCalls.length === 1 ? { errcode: 130101, errmsg: 'send too fast' } : { errcode: 0, errmsg: 'ok' }));
      });
    });
    const botCalls: { signed: boolean; body: { msgtype: string; markdown: { title: string; text: string } } }[] = [];
    await new Promise<void>((r) => bot.listen(0, '127.0.0.1', r));
    try {
      const receiver = track(await startReceiver());
      const port = (bot.address() as AddressInfo).port;
      process.env.DING_SECRET = 'SEC-ding';
      const config = deliveryConfig(uniquePrefix('ding'), receiver.url, {
        endpoints: [{ name: 'safety-group', url: `http://127.0.0.1:${port}/robot/send?access_token=tok`, format: 'dingtalk', secretEnv: 'DING_SECRET', rules: ['spoilage'] }],
      });
      const harness = track(await openDelivery(config, db.current.url, redisUrl()));
      const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
      await dispatchAlerts(harness.ctx, [id!]);
      await waitUntil(async () => (await alertStatuses(harness.ctx, [id!]))[0] === 'delivered', 15_000, 'alert delivered to both endpoints');
      expect(botCalls).toHaveLength(2);
      expect(botCalls.every((c) => c.signed)).toBe(true);
      expect(botCalls[1]!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: `变质告警 #${id}` } });
      expect(botCalls[1]!.body.markdown.text).toContain('> 打开发现鸭脖已经变质了');
      const log = await harness.ctx.pool.query('SELECT endpoint, ok, error FROM alert_deliveries WHERE alert_id = $1 ORDER BY id', [id]);
      expect(log.rows.filter((r) => r.endpoint === 'safety-group')).toEqual([
        { endpoint: 'safety-group', ok: false, error: 'bot error 130101: send too fast' },
        { endpoint: 'safety-group', ok: true, error: null },
      ]);
      expect(receiver.accepted()).toHaveLength(1); // the default endpoint, once
      for (const line of harness.logs) expect(line).not.toContain('SEC-ding');
    } finally {
      delete process.env.DING_SECRET;
      bot.closeAllConnections();
      await new Promise((r) => bot.close(r));
    }
  });
});
