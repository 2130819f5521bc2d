import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { attemptDelivery, type AttemptRecord } from '../../../src/delivery/attempt.ts';
import { deliveryRuntime } from '../../../src/delivery/runtime.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';

let server: http.Server;
let url = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url === '/down' ? 503 : 200).end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** One attempt at `path`, with a record that keeps what it was told (and may fail to keep a delivery). */
async function attempt(path: string, record: Partial<AttemptRecord> = {}) {
  const config = loadConfig({ configFile: '', env: { PAINPOINT_WEBHOOK_URL: url + path, PAINPOINT_WEBHOOK_SECRET: 's3cret', PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
  const runtime = deliveryRuntime(config);
  const told: string[] = [];
  const ctx = { config, logger: createLogger({ level: 'silent' }) } as unknown as PipelineContext;
  const outcome = attemptDelivery(ctx, {
    endpoint: runtime.endpoints[0]!,
    allowlist: runtime.allowlist,
    message: { deliveryId: 'a-1', payload: { id: 'a-1' } } as never,
    attempt: 2,
    maxAttempts: 2,
    kind: 'alert',
    log: { subject: 'a-1' },
    record: {
      delivered: record.delivered ?? (async (status) => void told.push(`delivered ${status}`)),
      failed: async (error, status, _ms, last) => void told.push(`failed ${status} ${last} ${error}`),
    },
  });
  return { outcome, told };
}

describe('attemptDelivery', () => {
  it('records a 2xx as delivered, and a non-2xx on the last attempt as the last failure', async () => {
    const ok = await attempt('/hook');
    expect(await ok.outcome).toEqual({ sent: true, status: 200 });
    expect(ok.told).toEqual(['delivered 200']);
    const down = await attempt('/down');
    await expect(down.outcome).rejects.toThrow(/503/);
    expect(down.told).toHaveLength(1);
    expect(down.told[0]).toMatch(/^failed 503 true/);
  });

  it('a 2xx whose bookkeeping fails is the store\'s error: never recorded as a failed webhook', async () => {
    const broken = await attempt('/hook', {
      delivered: async () => {
        throw new Error('canceling statement due to lock timeout');
      },
    });
    await expect(broken.outcome).rejects.toThrow('canceling statement due to lock timeout');
    expect(broken.told).toEqual([]);
  });
});
