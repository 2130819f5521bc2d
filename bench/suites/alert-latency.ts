/**
 * Alert latency: from enqueueing the import of a review that says 变质 (what `painpoint import`
 * does) to the signed webhook arriving at a receiver, through ingest (with analysis) → store → dispatch
 * → deliver, while about 1,000 other reviews per second flow through the same pipeline; and from
 * enqueueing a critical review (拉肚子) to its webhook while a 100,000-row file import is in flight
 * (its batches in the bulk lane, the probe in the normal one and then the critical one).
 * Local only: a throwaway Postgres and redis-server, a receiver in this process, one worker process
 * (this one) running every stage. Each probe review comes from its own source, so it is the first
 * alert of its storm window and goes out at once, as a first alert of a quiet period does.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from '../index.ts';
import { median, percentile } from '../stats.ts';
import { loadAnalyzer } from '../../src/analysis/index.ts';
import { corpusDir, loadConfig } from '../../src/config/index.ts';
import { startDeliveryWorker } from '../../jobs/deliver.ts';
import type { IncomingRecord } from '../../src/ingest/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../src/pipeline/connection.ts';
import { enqueueRecords } from '../../src/pipeline/producers.ts';
import { BATCH_STAGES, startWorker } from '../../jobs/index.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { finishReading, startImportRun } from '../../src/store/import-runs-repository.ts';

const PROBES = 60;
const PROBE_EVERY_MS = 300;
const BACKGROUND_PER_SECOND = 1000;
const BACKGROUND_TICK_MS = 100;
const SECRET = 'bench-secret-0123456789';

/** Takeout reviews from the shared corpus when it is there; generated ones otherwise. */
function backgroundTexts(): string[] {
  const file = path.join(corpusDir(), 'waimai_10k.csv');
  if (fs.existsSync(file)) {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.slice(line.indexOf(',') + 1).trim())
      .filter((t) => t.length > 1);
  }
  return Array.from({ length: 2000 }, (_, i) => `第${i}单，味道${i % 3 ? '不错' : '一般'}，配送${i % 5 ? '很快' : '有点慢'}`);
}

/** The webhook receiver: counts every POST and notes when each probe's first one arrives. */
async function startProbeReceiver() {
  const arrivals = new Map<string, number>();
  let webhooks = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      webhooks++;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const source: string | undefined = body.feedback?.source;
      if (source?.startsWith('probe-') && !arrivals.has(source)) arrivals.set(source, performance.now());
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    arrivals,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    get webhooks() {
      return webhooks;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function measure(backend: 'redis' | 'postgres', databaseUrl: string, redisUrl: string | undefined, perSecond = BACKGROUND_PER_SECOND, probes = PROBES) {
  const receiver = await startProbeReceiver();
  const { arrivals, url } = receiver;
  const config = loadConfig({
    configFile: '',
    overrides: { nlp: { sentiment: 'lexicon' }, pipeline: { queuePrefix: `bench-latency-${backend}-${perSecond}`, batchSize: 100 } },
    env: { PAINPOINT_WEBHOOK_URL: url, PAINPOINT_WEBHOOK_SECRET: SECRET, PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
  });
  const logger = createLogger({ level: 'silent' });
  const ctx = await createPipelineContext(config, { databaseUrl, redisUrl: backend === 'redis' ? redisUrl : undefined, logger, poolSize: 20 });
  const analyzer = await loadAnalyzer(config, { logger });
  const pipeline = await startWorker(ctx, { stages: BATCH_STAGES, analyzer });
  const delivery = await startDeliveryWorker(ctx);
  const texts = backgroundTexts();
  const sent = new Map<string, number>();
  const sentWall = new Map<string, number>();
  let background = 0;
  let stop = false;
  try {
    const flow = (async () => {
      const perTick = (perSecond * BACKGROUND_TICK_MS) / 1000;
      const started = performance.now();
      for (let tick = 0; !stop && perTick > 0; tick++) {
        const runId = `bg-${backend}-${perSecond}-${tick}`;
        const records: IncomingRecord[] = Array.from({ length: perTick }, (_, k) => ({
          channel: 'review',
          source: 'bench-background',
          externalId: `${runId}-${k}`,
          text: texts[(tick * perTick + k) % texts.length]!,
        }));
        await startImportRun(ctx.pool, { id: runId, channel: 'review', source: 'bench-background' });
        const { batches } = await enqueueRecords(ctx, records.map((record) => ({ record })), { runId });
        await finishReading(ctx.pool, runId, records.length, batches);
        background += records.length;
        const next = started + (tick + 1) * BACKGROUND_TICK_MS;
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      }
    })();
    await new Promise((r) => setTimeout(r, 2000)); // let the background flow settle
    const flowStarted = performance.now();
    const backgroundAtStart = background;
    for (let i = 0; i < probes; i++) {
      const source = `probe-${backend}-${perSecond}-${i}`;
      const runId = source;
      const record: IncomingRecord = { channel: 'review', source, externalId: runId, text: '收到的麻辣鸭脖已经变质了，打开一股酸味' };
      await startImportRun(ctx.pool, { id: runId, channel: 'review', source });
      sent.set(source, performance.now());
      sentWall.set(source, Date.now());
      const { batches } = await enqueueRecords(ctx, [{ record }], { runId });
      await finishReading(ctx.pool, runId, 1, batches);
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
    const until = performance.now() + 20_000;
    while (arrivals.size < probes && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    const rate = ((background - backgroundAtStart) / (performance.now() - flowStarted)) * 1000;
    stop = true;
    await flow;
    const latencies = [...sent].flatMap(([source, t0]) => (arrivals.has(source) ? [arrivals.get(source)! - t0] : []));
    // Where the time goes: enqueue → the store transaction began (feedback.created_at), and from
    // there → the receiver's answer was logged (alert_deliveries.at).
    const { rows } = await ctx.pool.query<{ source: string; stored: number; delivered: number }>(
      `SELECT f.source, extract(epoch FROM f.created_at) * 1000 AS stored, extract(epoch FROM min(d.at)) * 1000 AS delivered
         FROM feedback f JOIN alerts a ON a.feedback_id = f.id JOIN alert_deliveries d ON d.alert_id = a.id AND d.ok
        WHERE f.source LIKE $1 GROUP BY f.source, f.created_at`,
      [`probe-${backend}-${perSecond}-%`],
    );
    const toStore = rows.filter((r) => sentWall.has(r.source)).map((r) => r.stored - sentWall.get(r.source)!);
    const toDeliver = rows.map((r) => r.delivered - r.stored);
    return {
      probes,
      received: latencies.length,
      p50Ms: Math.round(median(latencies)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(Math.max(...latencies)),
      enqueueToStoreP50Ms: Math.round(median(toStore)),
      enqueueToStoreP99Ms: Math.round(percentile(toStore, 99)),
      storeToDeliveredP50Ms: Math.round(median(toDeliver)),
      storeToDeliveredP99Ms: Math.round(percentile(toDeliver, 99)),
      backgroundPerSec: Math.round(rate),
      webhooks: receiver.webhooks,
      storedPerSecStore: Math.round((pipeline.timings.store.items / Math.max(1, pipeline.timings.store.ms)) * 1000),
    };
  } finally {
    stop = true;
    await delivery.close(true);
    await pipeline.close(true);
    await closePipelineContext(ctx);
    await receiver.close();
  }
}

const IMPORT_ROWS = 100_000;
const IMPORT_PROBES = 30;
const IMPORT_PROBE_EVERY_MS = 500;

/** A 100k-row CSV of takeout reviews (ids unique, so every row is a new item). */
function writeImportFile(): string {
  const texts = backgroundTexts();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-bench-')), 'bulk-100k.csv');
  const lines = ['id,text'];
  for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`bulk-${i},"${texts[i % texts.length]!.replace(/"/g, '""')}"`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bin/painpoint.js');

/** Runs `painpoint import FILE` in a child process; resolves with the rows in the file once it has read them all. */
function importInChildProcess(file: string, source: string, queuePrefix: string, databaseUrl: string, redisUrl: string | undefined): Promise<number> {
  const configFile = path.join(path.dirname(file), `${source}.yaml`);
  fs.writeFileSync(configFile, `pipeline:\n  queuePrefix: ${queuePrefix}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PAINPOINT_CONFIG: configFile, LOG_LEVEL: 'silent' };
  if (redisUrl) env.REDIS_URL = redisUrl;
  else delete env.REDIS_URL;
  const child = spawn(process.execPath, [BIN, 'import', file, '--channel', 'review', '--source', source, '--json'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(IMPORT_ROWS) : reject(new Error(`painpoint import exited ${code}: ${err.slice(-500)}`)))),
  );
}

/**
 * Critical probes while `painpoint import` of 100k rows runs beside the worker (this process, every
 * stage): the lanes must bring a critical review to the webhook within 2 s.
 */
async function measureDuringImport(backend: 'redis' | 'postgres', databaseUrl: string, redisUrl: string | undefined, file: string) {
  const receiver = await startProbeReceiver();
  const { arrivals, url } = receiver;
  const config = loadConfig({
    configFile: '',
    overrides: { nlp: { sentiment: 'lexicon' }, pipeline: { queuePrefix: `bench-import-${backend}` } },
    env: { PAINPOINT_WEBHOOK_URL: url, PAINPOINT_WEBHOOK_SECRET: SECRET, PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
  });
  // Warnings counted by message: a retried job would explain a slow probe.
  const warnings = new Map<string, number>();
  const logger = createLogger({
    level: 'warn',
    destination: new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          const { msg, stage, err } = JSON.parse(line) as { msg: string; stage?: string; err?: string };
          const key = `${stage ? `${stage}: ` : ''}${msg}${err ? ` (${String(err).slice(0, 80)})` : ''}`;
          warnings.set(key, (warnings.get(key) ?? 0) + 1);
        }
        done();
      },
    }),
  });
  const ctx = await createPipelineContext(config, { databaseUrl, redisUrl: backend === 'redis' ? redisUrl : undefined, logger, poolSize: 20 });
  const pipeline = await startWorker(ctx, { stages: BATCH_STAGES });
  const delivery = await startDeliveryWorker(ctx);
  const sent = new Map<string, number>();
  const sentWall = new Map<string, number>();
  const importSource = `bench-import-${backend}`;
  const storedBulk = async () => Number((await ctx.pool.query('SELECT count(*) AS n FROM feedback WHERE source = $1', [importSource])).rows[0].n);
  // How long this process's event loop (every stage's queue traffic, ingest, the store) was blocked.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const importStarted = performance.now();
    let importMs: number | undefined;
    // `painpoint import` as an operator runs it: its own process, reading the file into the queues
    // while this process is the worker.
    const running = importInChildProcess(file, importSource, config.pipeline.queuePrefix, databaseUrl, backend === 'redis' ? redisUrl : undefined);
    await new Promise((r) => setTimeout(r, 3000)); // the import well under way: every stage busy
    const atFirstProbe = await storedBulk();
    loopDelay.enable();
    for (let i = 0; i < IMPORT_PROBES; i++) {
      const source = `probe-import-${backend}-${i}`;
      const record: IncomingRecord = { channel: 'review', source, externalId: source, text: '孩子吃完拉肚子了，肚子疼了一晚上' };
      await startImportRun(ctx.pool, { id: source, channel: 'review', source });
      sent.set(source, performance.now());
      sentWall.set(source, Date.now());
      const { batches } = await enqueueRecords(ctx, [{ record }], { runId: source });
      await finishReading(ctx.pool, source, 1, batches);
      await new Promise((r) => setTimeout(r, IMPORT_PROBE_EVERY_MS));
    }
    const until = performance.now() + 20_000;
    while (arrivals.size < IMPORT_PROBES && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    loopDelay.disable();
    const atLastProbe = await storedBulk();
    const read = await running;
    // Until every row is stored: the import's own throughput beside the probes.
    while ((await storedBulk()) < read && performance.now() - importStarted < 600_000) await new Promise((r) => setTimeout(r, 250));
    importMs = performance.now() - importStarted;
    const latencies = [...sent].flatMap(([source, t0]) => (arrivals.has(source) ? [arrivals.get(source)! - t0] : []));
    const { rows } = await ctx.pool.query<{ source: string; stored: number; delivered: number; alert_id: string }>(
      `SELECT f.source, extract(epoch FROM f.created_at) * 1000 AS stored, extract(epoch FROM min(d.at)) * 1000 AS delivered, min(a.id) AS alert_id
         FROM feedback f JOIN alerts a ON a.feedback_id = f.id JOIN alert_deliveries d ON d.alert_id = a.id AND d.ok
        WHERE f.source LIKE $1 GROUP BY f.source, f.created_at`,
      [`probe-import-${backend}-%`],
    );
    const probeAlertIds = new Set(rows.map((r) => Number(r.alert_id)));
    const toStore = rows.filter((r) => sentWall.has(r.source)).map((r) => r.stored - sentWall.get(r.source)!);
    const toDeliver = rows.map((r) => r.delivered - r.stored);
    // Per stage, for the probes' jobs: waiting (added → taken) and running (taken → done), medians.
    const stages: Record<string, { waitMs: number; runMs: number; maxAttempts: number }> = {};
    // The slowest probe's own wait/run per stage: where a slow one lost its time.
    const slowest = [...sent.keys()].reduce((a, b) => ((arrivals.get(b) ?? Infinity) - sent.get(b)! > (arrivals.get(a) ?? Infinity) - sent.get(a)! ? b : a));
    const slowestAlert = rows.find((r) => r.source === slowest)?.alert_id;
    const slowestStages: string[] = [];
    for (const stage of ['ingest', 'store', 'deliver'] as const) {
      const jobs = (await ctx.queues.queue<{ runId?: string; id?: number }>(stage).getJobs(['completed'], 0, 5000)).filter((j) =>
        stage === 'deliver' ? j.name === 'alert' && probeAlertIds.has(Number(j.data.id)) : String(j.data.runId ?? '').startsWith('probe-import-'),
      );
      const mine = jobs.find((j) => (stage === 'deliver' ? String(j.data.id) === String(slowestAlert) : j.data.runId === slowest));
      if (mine) slowestStages.push(`${stage} ${(mine.processedOn ?? 0) - mine.timestamp}/${(mine.finishedOn ?? 0) - (mine.processedOn ?? 0)}`);
      // A worker that runs ingest and store stores each batch inside its ingest job: no store jobs.
      if (jobs.length === 0) continue;
      stages[stage] = {
        waitMs: Math.round(median(jobs.map((j) => (j.processedOn ?? 0) - j.timestamp))),
        runMs: Math.round(median(jobs.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0)))),
        maxAttempts: Math.max(0, ...jobs.map((j) => j.attemptsMade)),
      };
    }
    return {
      probes: IMPORT_PROBES,
      latenciesMs: latencies.map((l) => Math.round(l)),
      stages,
      enqueueToStoreP50Ms: Math.round(median(toStore)),
      storeToDeliveredP50Ms: Math.round(median(toDeliver)),
      received: latencies.length,
      p50Ms: Math.round(median(latencies)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(Math.max(...latencies)),
      importRows: read,
      importStoredAtFirstProbe: atFirstProbe,
      importStoredAtLastProbe: atLastProbe,
      importSeconds: Math.round(importMs / 100) / 10,
      importRowsPerSec: Math.round((read / importMs) * 1000),
      webhooks: receiver.webhooks,
      slowestProbeStages: slowestStages.join(', '),
      eventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
      eventLoopDelayMaxMs: Math.round(loopDelay.max / 1e6),
      warnings: Object.fromEntries(warnings),
      loadAvg1m: Math.round(os.loadavg()[0]! * 100) / 100,
    };
  } finally {
    await delivery.close(true);
    await pipeline.close(true);
    await closePipelineContext(ctx);
    await receiver.close();
  }
}

const suite: BenchSuite = {
  name: 'alert-latency',
  description: 'import of a review saying 变质 → signed webhook received, p50/p99, with 1,000 reviews/s in the background; a critical review with a 100k-row import in flight',
  async run() {
    const services = await startThrowawayServices({ redis: true });
    const results: Record<string, unknown> = {};
    try {
      // BENCH_ALERT_LATENCY=import runs only the 100k-import part (it takes a few minutes on its own).
      const onlyImport = process.env.BENCH_ALERT_LATENCY === 'import';
      // Baseline: the same probes with nothing else flowing, to tell queueing from the path itself.
      if (!onlyImport) {
      const quiet = await measure('redis', services.databaseUrl, services.redisUrl, 0, 20);
      results.quietRedis = quiet;
      process.stdout.write(`quiet    p50 ${quiet.p50Ms} ms, p99 ${quiet.p99Ms} ms (${quiet.received}/${quiet.probes} probes, Redis, no background)\n`);
      for (const backend of ['redis', 'postgres'] as const) {
        const r = await measure(backend, services.databaseUrl, services.redisUrl);
        results[backend] = r;
        process.stdout.write(
          `${backend.padEnd(8)} p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms (${r.received}/${r.probes} probes) ` +
            `with ${r.backgroundPerSec} background reviews/s; ${r.webhooks} webhooks in all; target p99 < 1000 ms: ${r.p99Ms < 1000 ? 'met' : 'missed'}\n` +
            `         enqueue → store p50 ${r.enqueueToStoreP50Ms} ms, p99 ${r.enqueueToStoreP99Ms} ms; store → delivered p50 ${r.storeToDeliveredP50Ms} ms, p99 ${r.storeToDeliveredP99Ms} ms\n`,
        );
      }
      }
      const file = writeImportFile();
      try {
        for (const backend of ['redis', 'postgres'] as const) {
          const r = await measureDuringImport(backend, services.databaseUrl, services.redisUrl, file);
          results[`${backend}Import100k`] = r;
          process.stdout.write(
            `${backend.padEnd(8)} critical during a 100k import: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms (${r.received}/${r.probes} probes); target p99 < 2000 ms: ${r.p99Ms < 2000 ? 'met' : 'missed'}\n` +
              `         enqueue → store p50 ${r.enqueueToStoreP50Ms} ms; store → delivered p50 ${r.storeToDeliveredP50Ms} ms; per stage (wait/run ms): ${Object.entries(r.stages).map(([k, v]) => `${k} ${v.waitMs}/${v.runMs}${v.maxAttempts > 1 ? ` (up to ${v.maxAttempts} attempts)` : ''}`).join(', ')}\n` +
              `         import: ${r.importStoredAtFirstProbe} → ${r.importStoredAtLastProbe} of ${r.importRows} rows stored while probing; all in ${r.importSeconds} s (${r.importRowsPerSec} rows/s); load ${r.loadAvg1m}\n` +
              `         each probe, in order (ms): ${r.latenciesMs.join(' ')}\n` +
              `         slowest probe per stage (wait/run ms): ${r.slowestProbeStages}; worker event loop blocked p99 ${r.eventLoopDelayP99Ms} ms, max ${r.eventLoopDelayMaxMs} ms\n` +
              Object.entries(r.warnings).map(([w, n]) => `         warning ×${n}: ${w}\n`).join(''),
          );
        }
      } finally {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
      return results;
    } finally {
      await services.stop();
    }
  },
};

export default suite;
