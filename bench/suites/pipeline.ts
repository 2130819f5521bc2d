/**
 * End-to-end throughput: a 100k-review CSV imported (`importFile`, streamed) and carried through
 * ingest (with analysis) → store by a worker until every item is in the tallies, on each queue backend;
 * beside raw @node-rs/jieba tokenization of the same texts, timed again before each run's workers start (on a
 * shared machine its speed moves with the load, and the ratio is what compares), and the CPU the
 * Postgres and redis-server processes spent per review. Reviews come from
 * ../shared/data/*.csv, repeated with distinct ids. Per-stage processor time shows which stage
 * limits the pipeline. Servers: a throwaway Postgres and redis-server (durability off).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import pg from 'pg';
import type { BenchSuite } from '../index.ts';
import { median, timeRuns } from '../stats.ts';
import { loadAverage, statFields, ticksToMs, treeCpuMs } from '../command.ts';
import { loadAnalyzer } from '../../src/analysis/index.ts';
import { corpusDir, loadConfig, PACKAGE_ROOT } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../src/pipeline/connection.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../jobs/index.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { readRecords } from '../../src/sources/files/index.ts';
import { importFile, waitForImportRun } from '../../src/sources/importers/index.ts';
import { ingestBatch } from '../../src/ingest/index.ts';
import { normalize } from '../../src/nlp/normalize.ts';
import { saveAnalyzedBatch } from '../../src/store/feedback-repository.ts';
import { createPool } from '../../src/store/pool.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Config } from '../../src/config/index.ts';

const REVIEWS = Number(process.env.PAINPOINT_BENCH_REVIEWS ?? 100_000);
const RUNS = Number(process.env.PAINPOINT_BENCH_RUNS ?? 1);
/** 0: the worker runs in the bench process; N: N `painpoint worker` processes, as deployed. */
const WORKERS = Number(process.env.PAINPOINT_BENCH_WORKERS ?? 0);
/** Analyzer threads of each worker (default: the worker's own, one per core but one). */
const THREADS = process.env.PAINPOINT_BENCH_ANALYZER_THREADS ? Number(process.env.PAINPOINT_BENCH_ANALYZER_THREADS) : undefined;
/** Jobs each stage runs at once (default: pipeline.concurrency of config/default.yaml). */
const CONCURRENCY = process.env.PAINPOINT_BENCH_CONCURRENCY ? Number(process.env.PAINPOINT_BENCH_CONCURRENCY) : undefined;
/** Items per job (default: pipeline.batchSize of config/default.yaml). */
const BATCH = process.env.PAINPOINT_BENCH_BATCH ? Number(process.env.PAINPOINT_BENCH_BATCH) : undefined;
/** Queue backends to run, comma-separated (default: both). */
const BACKENDS = (process.env.PAINPOINT_BENCH_BACKENDS ?? 'redis,postgres').split(',').map((b) => b.trim()) as ('redis' | 'postgres')[];
/** A directory for the worker processes' CPU profiles (`node --cpu-prof`), to see where their time goes. */
const WORKER_CPU_PROF = process.env.PAINPOINT_BENCH_WORKER_CPU_PROF;
/** A directory to write each run's tallies into (`<backend>-<run>.tsv`), to compare two versions' output. */
const TALLIES_DIR = process.env.PAINPOINT_BENCH_TALLIES_DIR;
/** `0`: leave out each stage's isolated speed (the end-to-end runs alone). */
const ISOLATED = process.env.PAINPOINT_BENCH_ISOLATED !== '0';
/** Print the N statements that took most of Postgres' time in each run (pg_stat_statements). */
const PG_STATEMENTS = Number(process.env.PAINPOINT_BENCH_PG_STATEMENTS ?? 0);
const DATA_DIR = corpusDir();
const REGIONS = ['华南', '华东', '华北', '西南', '华中'];
const SEGMENTS = ['new', 'returning', 'VIP'];

async function readReviews(): Promise<string[]> {
  const texts: string[] = [];
  for (const file of fs.readdirSync(DATA_DIR).filter((f) => f.endsWith('.csv')).sort()) {
    for await (const r of readRecords(path.join(DATA_DIR, file))) {
      const text = r.fields.review ?? r.fields.text;
      if (typeof text === 'string' && text.trim() !== '') texts.push(text);
    }
  }
  return texts;
}

function writeCsv(file: string, texts: readonly string[]): void {
  const lines = ['id,text,posted_at,region,segment'];
  for (let i = 0; i < REVIEWS; i++) {
    const text = texts[i % texts.length]!.replace(/"/g, '""');
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`b-${i},"${text}",2026-10-${day} ${String(i % 24).padStart(2, '0')}:00:00,${REGIONS[i % REGIONS.length]},${SEGMENTS[i % SEGMENTS.length]}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

interface Run {
  reviewsPerSec: number;
  seconds: number;
  /** Raw jieba cut of the same texts before this run's workers start: the machine is shared, its speed moves. */
  cutReviewsPerSec: number;
  /** CPU of the queue server and of Postgres per review (from /proc), beside this process's. */
  serverCpuUsPerReview: { postgres: number; redis: number | undefined };
  /** Processor time per stage (in-process worker only). */
  timings: PipelineWorker['timings'] | undefined;
  /** CPU time of this process per review: reading and enqueueing, and with the in-process worker all its stages too. */
  cpuUsPerReview: number;
  /** CPU time of the `painpoint worker` processes per review, their analyzer threads included (none in-process). */
  workerCpuUsPerReview: number | undefined;
  /** The same by thread: main, analyzer (the busiest other), rest (threadShares). */
  workerThreadCpuUsPerReview: Record<string, number> | undefined;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function benchConfig(prefix: string): Readonly<Config> {
  return loadConfig({ configFile: '', overrides: { nlp: { sentiment: 'lexicon' }, pipeline: { queuePrefix: prefix, ...(CONCURRENCY ? { concurrency: CONCURRENCY } : {}), ...(BATCH ? { batchSize: BATCH } : {}) } }, env: {} });
}

/** CPU (ms) of each thread of a process, by thread id (the process id: its main thread). */
function threadCpuMs(pid: number): Map<number, number> {
  const byTask = new Map<number, number>();
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const f = statFields(`/proc/${pid}/task/${task}/stat`);
    if (f) byTask.set(Number(task), ticksToMs(Number(f[11]) + Number(f[12])));
  }
  return byTask;
}

/**
 * A worker's CPU since `before` by thread: its main thread (queues, ingest, store), the busiest
 * other thread (the analyzer: Node names every thread `node`, so it is told apart by its load), and
 * the rest (GC helpers, libuv's pool, the module loader).
 */
function threadShares(pid: number, before: Map<number, number>): { main: number; analyzer: number; rest: number } {
  const spent = [...threadCpuMs(pid)].map(([task, ms]) => [task, ms - (before.get(task) ?? 0)] as const);
  const main = spent.find(([task]) => task === pid)?.[1] ?? 0;
  const others = spent.filter(([task]) => task !== pid).map(([, ms]) => ms).sort((a, b) => b - a);
  return { main, analyzer: others[0] ?? 0, rest: others.slice(1).reduce((a, b) => a + b, 0) };
}

/** `painpoint worker` processes on the bench's servers, resolved once each says it is running. */
async function spawnWorkers(n: number, databaseUrl: string, redisUrl: string | undefined, prefix: string, dir: string): Promise<ChildProcess[]> {
  const configFile = path.join(dir, `${prefix}.yaml`);
  fs.writeFileSync(configFile, `nlp:\n  sentiment: lexicon\npipeline:\n  queuePrefix: ${prefix}\n${CONCURRENCY ? `  concurrency: ${CONCURRENCY}\n` : ''}${BATCH ? `  batchSize: ${BATCH}\n` : ''}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl ?? '', PAINPOINT_CONFIG: configFile, LOG_LEVEL: 'warn' };
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, [...(WORKER_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', WORKER_CPU_PROF] : []), path.join(PACKAGE_ROOT, 'bin/painpoint.js'), 'worker', '--stages', 'ingest,store', ...(THREADS ? ['--threads', String(THREADS)] : [])], { env, stdio: ['ignore', 'ignore', 'pipe'] }),
  );
  // Start-up (loading the dictionary) is not part of the throughput: wait until each one runs.
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          let seen = '';
          child.stderr!.on('data', (chunk: Buffer) => {
            seen += chunk.toString();
            if (seen.includes('worker running')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`painpoint worker exited (${code}): ${seen.slice(-500)}`)));
        }),
    ),
  );
  return children;
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((c) => (c.exitCode !== null ? undefined : new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGTERM'))))),
  );
}

interface RunSetting {
  adminUrl: string;
  redisUrl: string | undefined;
  /** Postgres and redis-server, whose process trees' CPU is read before and after. */
  pids: { postgres: number; redis: number | undefined };
  file: string;
  dir: string;
  /** Raw cut of the same texts, timed now: reviews/s. */
  cut(): number;
}

async function oneRun(backend: 'redis' | 'postgres', setting: RunSetting, run: number): Promise<Run> {
  const { adminUrl, redisUrl, file, dir, pids } = setting;
  const prefix = `bench-${backend}-${run}`;
  const databaseUrl = await createDatabase(adminUrl, `bench_${backend}_${run}`);
  // Before the workers start: a worker's later analyzer threads load after it says it runs, and cut
  // timed beside them ran 10–20% slow, which flattered the ratio of the run that followed.
  const cutReviewsPerSec = setting.cut();
  const config = benchConfig(prefix);
  const ctx = await createPipelineContext(config, { databaseUrl, redisUrl, logger: createLogger({ level: 'silent' }) });
  const children = WORKERS > 0 ? await spawnWorkers(WORKERS, databaseUrl, redisUrl, prefix, dir) : [];
  // The analyzer as the worker loads it (config: lexicon), so on its own thread as deployed.
  const worker = WORKERS > 0 ? undefined : await startWorker(ctx, { stages: BATCH_STAGES, analyzerThreads: THREADS });
  try {
    const servers0 = { postgres: treeCpuMs(pids.postgres), redis: pids.redis === undefined ? 0 : treeCpuMs(pids.redis) };
    const workersCpu = () => children.reduce((sum, c) => sum + treeCpuMs(c.pid!), 0);
    const workers0 = workersCpu();
    const threads0 = children.map((c) => threadCpuMs(c.pid!));
    if (PG_STATEMENTS > 0) await ctx.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const started = await importFile(ctx, { file, channel: 'review', source: 'bench' });
    const done = await waitForImportRun(ctx.pool, started.runId);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const workersMs = workersCpu() - workers0;
    const workerThreadsMs: Record<string, number> = {};
    children.forEach((c, i) => {
      for (const [name, ms] of Object.entries(threadShares(c.pid!, threads0[i]!))) workerThreadsMs[name] = (workerThreadsMs[name] ?? 0) + ms;
    });
    if (done.stored !== REVIEWS) throw new Error(`stored ${done.stored} of ${REVIEWS}`);
    if (TALLIES_DIR) await dumpTallies(ctx.pool, path.join(TALLIES_DIR, `${backend}-${run}.tsv`));
    if (PG_STATEMENTS > 0) await printStatements(ctx.pool, backend, PG_STATEMENTS);
    const perReview = (ms: number) => Number(((ms * 1000) / REVIEWS).toFixed(1));
    return {
      reviewsPerSec: REVIEWS / seconds,
      seconds,
      cutReviewsPerSec,
      serverCpuUsPerReview: {
        postgres: perReview(treeCpuMs(pids.postgres) - servers0.postgres),
        redis: backend === 'redis' && pids.redis !== undefined ? perReview(treeCpuMs(pids.redis) - servers0.redis) : undefined,
      },
      timings: worker ? structuredClone(worker.timings) : undefined,
      cpuUsPerReview: Number(((cpu.user + cpu.system) / REVIEWS).toFixed(1)),
      workerCpuUsPerReview: children.length > 0 ? perReview(workersMs) : undefined,
      workerThreadCpuUsPerReview: children.length > 0 ? Object.fromEntries(Object.entries(workerThreadsMs).map(([name, ms]) => [name, perReview(ms)])) : undefined,
    };
  } finally {
    await worker?.close();
    await stopWorkers(children);
    await closePipelineContext(ctx);
  }
}

/** The statements that took most of Postgres' time during the run, per review, with their calls. */
async function printStatements(pool: pg.Pool, backend: string, limit: number): Promise<void> {
  // The bench's own questions to pg_stat_statements are not the pipeline's.
  const theRun = `FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'`;
  const { rows } = await pool.query<{ ms: number; calls: string; query: string }>(
    `SELECT total_exec_time + total_plan_time AS ms, calls, regexp_replace(query, '\\s+', ' ', 'g') AS query ${theRun} ORDER BY 1 DESC LIMIT $1`,
    [limit],
  );
  const total = (await pool.query<{ ms: number }>(`SELECT sum(total_exec_time + total_plan_time) AS ms ${theRun}`)).rows[0]!.ms;
  process.stdout.write(`  ${backend}: Postgres statements, ${((total * 1000) / REVIEWS).toFixed(1)} µs of execution a review in all:
`);
  for (const r of rows) process.stdout.write(`    ${((r.ms * 1000) / REVIEWS).toFixed(1).padStart(6)} µs/review ${String(r.calls).padStart(7)} calls  ${r.query.slice(0, 110)}
`);
}

/** What the run left for analysts, in a fixed order: the tallies, the daily totals, and counts of what the tallies come from. */
async function dumpTallies(pool: pg.Pool, file: string): Promise<void> {
  const queries = [
    `SELECT day, channel, source, topic, polarity, region, segment, mentions FROM pain_point_tallies ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    `SELECT day, channel, source, region, segment, items, negative_items FROM feedback_daily ORDER BY 1, 2, 3, 4, 5`,
    `SELECT sentiment_label, count(*), sum(sentiment_score::numeric) FROM feedback GROUP BY 1 ORDER BY 1`,
    `SELECT topic, polarity, count(*), md5(string_agg(evidence, '|' ORDER BY evidence)) FROM feedback_aspects GROUP BY 1, 2 ORDER BY 1, 2`,
    `SELECT rule, severity, status, count(*) FROM alerts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    `SELECT reason, count(*) FROM rejected_items GROUP BY 1 ORDER BY 1`,
  ];
  const lines: string[] = [];
  for (const sql of queries) {
    const { rows } = await pool.query({ text: sql, rowMode: 'array' });
    lines.push(`# ${sql}`, ...rows.map((r: unknown[]) => r.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('\t')));
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/**
 * Each stage's own cost on the same reviews, alone (no queue, nothing else running): what the
 * pipeline would reach if that stage were all there was. The slowest one limits the pipeline.
 */
async function isolatedStages(texts: readonly string[], adminUrl: string): Promise<Record<string, number>> {
  const config = benchConfig('bench-isolated');
  const entries = texts.map((text, i) => ({ record: { channel: 'review' as const, source: 'iso', externalId: `i-${i}`, text, postedAt: '2026-10-01 12:00:00', region: REGIONS[i % REGIONS.length], segment: SEGMENTS[i % SEGMENTS.length] } }));
  const options = { normalize, maskPersonalData: true, timeZone: config.pipeline.timeZone };
  ingestBatch(entries.slice(0, 2000), options);
  let t = performance.now();
  const { items } = ingestBatch(entries, options);
  const ingestMs = performance.now() - t;

  const analyzer = await loadAnalyzer(config, { mode: 'lexicon', logger: createLogger({ level: 'silent' }) });
  await analyzer.analyzeBatch(items.slice(0, 2000).map((i) => i.text));
  t = performance.now();
  const analyses = await analyzer.analyzeBatch(items.map((i) => i.text));
  const analyzeMs = performance.now() - t;

  const analyzed = items.map((item, i) => ({ ...item, analysis: analyses[i]!, importId: 'bench' }));
  t = performance.now();
  const payload = JSON.parse(JSON.stringify(analyzed)) as typeof analyzed;
  const jsonMs = performance.now() - t;

  const pool = createPool(await createDatabase(adminUrl, 'bench_isolated'), { max: 4 });
  let storeMs: number;
  try {
    await migrate(pool);
    const size = config.pipeline.batchSize;
    t = performance.now();
    for (let i = 0; i < payload.length; i += size) await saveAnalyzedBatch(pool, payload.slice(i, i + size), { timeZone: config.pipeline.timeZone });
    storeMs = performance.now() - t;
  } finally {
    await pool.end();
  }
  const rate = (ms: number) => Math.round((texts.length / ms) * 1000);
  return { ingest: rate(ingestMs), analyze: rate(analyzeMs), storePayloadJson: rate(jsonMs), store: rate(storeMs) };
}

const suite: BenchSuite = {
  name: 'pipeline',
  description: `import → tallies end to end for ${REVIEWS.toLocaleString('en-US')} reviews on each queue backend, beside raw jieba cut`,
  async run() {
    const texts = await readReviews();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-bench-'));
    const file = path.join(tmp, 'reviews.csv');
    writeCsv(file, texts);
    const sample = Array.from({ length: REVIEWS }, (_, i) => texts[i % texts.length]!);
    const jieba = Jieba.withDict(dict);
    for (const t of sample.slice(0, 2000)) jieba.cut(t, true);
    const cutNow = () => {
      const t = performance.now();
      for (const text of sample) jieba.cut(text, true);
      return Math.round((REVIEWS / (performance.now() - t)) * 1000);
    };
    const cutMs = median(await timeRuns(3, () => {
      for (const t of sample) jieba.cut(t, true);
    }));
    const cutPerSec = Math.round((REVIEWS / cutMs) * 1000);
    process.stdout.write(`raw jieba cut: ${cutPerSec.toLocaleString('en-US')} reviews/s (load average ${loadAverage()})\n`);

    const services = await startThrowawayServices({ redis: true, postgresSettings: PG_STATEMENTS > 0 ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } : undefined });
    const results: Record<string, unknown> = { reviews: REVIEWS, workers: WORKERS || 'in-process', analyzerThreads: THREADS ?? 'default', concurrency: CONCURRENCY ?? 'default', batchSize: BATCH ?? 'default', cutReviewsPerSec: cutPerSec };
    try {
      if (ISOLATED) {
        const isolated = await isolatedStages(sample, services.adminUrl);
        const limiting = Object.entries(isolated).sort((a, b) => a[1] - b[1])[0]![0];
        process.stdout.write(
          `each stage alone (reviews/s): ${Object.entries(isolated).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}\n` +
            `  the slowest, so the limit of the pipeline: ${limiting}\n`,
        );
        results.isolatedReviewsPerSec = isolated;
        results.limitingStage = limiting;
      }
      for (const backend of BACKENDS) {
        const runs: Run[] = [];
        const [pgPid, redisPid] = services.pids as [number, number | undefined];
        const setting: RunSetting = { adminUrl: services.adminUrl, redisUrl: backend === 'redis' ? services.redisUrl : undefined, pids: { postgres: pgPid, redis: redisPid }, file, dir: tmp, cut: cutNow };
        for (let r = 0; r < RUNS; r++) runs.push(await oneRun(backend, setting, r));
        const mid = [...runs].sort((a, b) => a.reviewsPerSec - b.reviewsPerSec)[runs.length >> 1]!;
        const rate = Math.round(median(runs.map((x) => x.reviewsPerSec)));
        const stages = mid.timings
          ? Object.fromEntries(
              Object.entries(mid.timings)
                .filter(([, t]) => t.jobs > 0)
                .map(([s, t]) => [s, { jobs: t.jobs, ms: Math.round(t.ms), perReviewUs: Number(((t.ms * 1000) / REVIEWS).toFixed(1)) }]),
            )
          : undefined;
        const ratio = median(runs.map((x) => x.reviewsPerSec / x.cutReviewsPerSec));
        const servers = mid.serverCpuUsPerReview;
        process.stdout.write(
          `${backend}: ${rate.toLocaleString('en-US')} reviews/s end to end (${mid.seconds.toFixed(1)} s) = ${ratio.toFixed(3)}× raw cut timed before each run (${runs.map((x) => x.cutReviewsPerSec.toLocaleString('en-US')).join(', ')}/s); load average ${loadAverage()}\n` +
            `  CPU per review: ${mid.cpuUsPerReview} µs this process, ${mid.workerCpuUsPerReview === undefined ? '' : `${mid.workerCpuUsPerReview} µs worker processes, `}${servers.postgres} µs Postgres${servers.redis === undefined ? '' : `, ${servers.redis} µs redis-server`}\n` +
            (mid.workerThreadCpuUsPerReview ? `  worker threads: ${Object.entries(mid.workerThreadCpuUsPerReview).map(([name, us]) => `${name} ${us}`).join(', ')} µs\n` : '') +
            (stages ? Object.entries(stages).map(([s, t]) => `  ${s.padEnd(8)} ${String(t.ms).padStart(7)} ms processor time in ${t.jobs} jobs (${t.perReviewUs} µs/review)\n`).join('') : ''),
        );
        results[backend] = { reviewsPerSec: rate, ratioToCut: Number(ratio.toFixed(3)), cutReviewsPerSec: runs.map((x) => x.cutReviewsPerSec), seconds: Number(mid.seconds.toFixed(2)), cpuUsPerReview: mid.cpuUsPerReview, workerCpuUsPerReview: mid.workerCpuUsPerReview, workerThreadCpuUsPerReview: mid.workerThreadCpuUsPerReview, serverCpuUsPerReview: servers, loadAverage: loadAverage(), stages };
      }
    } finally {
      await services.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return results;
  },
};

export default suite;
