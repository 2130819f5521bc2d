import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/index.ts';
import { startDeliveryWorker, type DeliveryWorker } from '../../../jobs/deliver.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { AlertHit } from '../../../src/nlp/types.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { saveAnalyzedBatch, type AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';
import { verifyPainpoint } from '../../unit/delivery/fixtures/verify-painpoint.js';

export const SECRET = 'whsec_integration_7f3a9c2e51';

export interface Received {
  n: number;
  id: string;
  signature: string;
  raw: Buffer;
  body: any;
  verified: boolean;
  status: number;
  at: number;
  path: string;
}

export interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly requests: Received[];
  /** Requests answered 2xx. */
  accepted(): Received[];
  waitFor(predicate: (all: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A webhook receiver in the test process, verifying each signature with the README's snippet.
 * `answer(n, req)` picks the status of the n-th request (1-based); 200 by default.
 */
export async function startReceiver(answer: (n: number, path: string) => number | { status: number; headers: Record<string, string> } = () => 200): Promise<Receiver> {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const n = requests.length + 1;
      const signature = String(req.headers['x-painpoint-signature'] ?? '');
      const out = answer(n, req.url ?? '/');
      const status = typeof out === 'number' ? out : out.status;
      requests.push({ n, id: String(req.headers['x-painpoint-id'] ?? ''), signature, raw, body: JSON.parse(raw.toString('utf8')), verified: verifyPainpoint(SECRET, signature, raw), status, at: Date.now(), path: req.url ?? '/' });
      res.writeHead(status, typeof out === 'number' ? {} : out.headers).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    accepted: () => requests.filter((r) => r.status < 300),
    async waitFor(predicate, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > until) throw new Error(`receiver: condition not met within ${timeoutMs} ms (${requests.length} requests)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Log lines a test can read back (to check that no secret reaches them). */
export function captureLogs(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

export function deliveryConfig(prefix: string, receiverUrl: string, delivery: Record<string, unknown> = {}, env: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({
    configFile: '',
    overrides: {
      pipeline: { queuePrefix: prefix },
      delivery: { backoffMs: 20, attempts: 5, timeoutMs: 2000, digestWindowSeconds: 0, sweepEverySeconds: 3600, escalateEverySeconds: 3600, concurrency: 8, api: { publicUrl: 'https://cx.example.com' }, ...delivery },
    },
    env: { LOG_LEVEL: 'info', PAINPOINT_WEBHOOK_URL: receiverUrl, PAINPOINT_WEBHOOK_SECRET: SECRET, PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', ...env },
  });
}

export interface DeliveryHarness {
  ctx: PipelineContext;
  worker: DeliveryWorker;
  logs: string[];
  close(): Promise<void>;
}

export async function openDelivery(config: Readonly<Config>, databaseUrl: string, redisUrl: string | undefined, options: { env?: NodeJS.ProcessEnv; schedules?: boolean } = {}): Promise<DeliveryHarness> {
  const { lines, stream } = captureLogs();
  const logger = createLogger({ level: 'info', destination: stream });
  const ctx = await createPipelineContext(config, { databaseUrl, redisUrl, migrate: false, logger });
  const worker = await startDeliveryWorker(ctx, { schedules: options.schedules ?? true });
  return {
    ctx,
    worker,
    logs: lines,
    async close() {
      await worker.close(true);
      await closePipelineContext(ctx);
    },
  };
}

let counter = 0;

/** Review items that each raise the given alerts, stored through the real store statement. */
export function reviewItems(alerts: AlertHit[][], source = 'jd-flagship'): AnalyzedFeedback[] {
  return alerts.map((hits, i) => {
    const n = ++counter;
    const text = hits.map((h) => h.evidence).join('，') || '味道不错';
    return {
      channel: 'review',
      source,
      externalId: `t${process.pid}-${Date.now()}-${n}-${i}`,
      contentHash: `h${n}-${i}`,
      text,
      postedAt: new Date().toISOString(),
      url: `https://item.example.com/r/${n}`,
      analysis: { sentiment: { label: 'negative', score: -0.6 }, aspects: [], alerts: hits },
    };
  });
}

export const SPOILAGE: AlertHit = { rule: 'spoilage', severity: 'high', keyword: '变质', evidence: '打开发现鸭脖已经变质了' };
export const FOOD_SAFETY: AlertHit = { rule: 'food_safety', severity: 'critical', keyword: '拉肚子', evidence: '吃完全家拉肚子' };
export const LATE: AlertHit = { rule: 'late_delivery', severity: 'medium', keyword: '太慢', evidence: '配送太慢了' };

export async function storeAlerts(ctx: PipelineContext, alerts: AlertHit[][], source?: string, deadlineHours?: Record<'critical' | 'high' | 'medium' | 'low', number>): Promise<number[]> {
  const result = await saveAnalyzedBatch(ctx.pool, reviewItems(alerts, source), { deadlineHours: deadlineHours ?? ctx.config.delivery.deadlineHours });
  return result.alertIds;
}

export async function alertStatuses(ctx: PipelineContext, ids: readonly number[]): Promise<string[]> {
  const { rows } = await ctx.pool.query<{ status: string }>('SELECT status FROM alerts WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);
  return rows.map((r) => r.status);
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Closes what a test opened (receivers, delivery harnesses) after each test, the last opened first:
 * `const receiver = track(await startReceiver())`.
 */
export function closeAfterEach(): <T extends { close(): Promise<void> }>(thing: T) => T {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });
  return (thing) => {
    open.push(thing);
    return thing;
  };
}

/** Runs a `painpoint` command in this process (bin/painpoint.js → main) with extra environment, capturing what it prints. */
export async function runPainpoint(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../../../src/cli/main.ts');
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  process.stdout.write = ((chunk: unknown) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'painpoint', ...args]), out, err };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A config file naming the queue prefix, for commands run through `runPainpoint`; removed by `close()`. */
export function prefixConfigFile(prefix: string, extra = ''): { file: string; close(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-cfg-'));
  const file = path.join(dir, 'config.yaml');
  fs.writeFileSync(file, `pipeline:\n  queuePrefix: ${prefix}\n${extra}`);
  return { file, close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
