/**
 * Scale out: `painpoint import FILE --wait --no-worker` of 100k reviews while 1, then 2 (or
 * PAINPOINT_BENCH_WORKERS=1,2,4) `painpoint worker` processes share one Redis, all as deployed
 * (their own processes, default config); beside raw @node-rs/jieba cut of the same texts in the same
 * run. Each run uses a fresh database and queue prefix; worker counts alternate in order from run to
 * run. Besides the wall time, the CPU each part used per review (from /proc): the importing process,
 * the workers, redis-server and Postgres, which says what would limit more workers on more cores.
 * PAINPOINT_BENCH_PROFILE=DIR also writes V8 CPU profiles of every process there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import pg from 'pg';
import type { BenchSuite } from '../index.ts';
import { median } from '../stats.ts';
import { loadAverage, reapedChildrenCpuMs, treeCpuMs } from '../command.ts';
import { corpusDir, PACKAGE_ROOT } from '../../src/config/index.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { readRecords } from '../../src/sources/files/index.ts';

const REVIEWS = Number(process.env.PAINPOINT_BENCH_REVIEWS ?? 100_000);
const RUNS = Number(process.env.PAINPOINT_BENCH_RUNS ?? 3);
const WORKERS = (process.env.PAINPOINT_BENCH_WORKERS ?? '1,2').split(',').map(Number);
const PROFILE = process.env.PAINPOINT_BENCH_PROFILE;
const BIN = path.join(PACKAGE_ROOT, 'bin/painpoint.js');

async function readReviews(): Promise<string[]> {
  const texts: string[] = [];
  for (const file of fs.readdirSync(corpusDir()).filter((f) => f.endsWith('.csv')).sort()) {
    for await (const r of readRecords(path.join(corpusDir(), file))) {
      const text = r.fields.review ?? r.fields.text;
      if (typeof text === 'string' && text.trim() !== '') texts.push(text);
    }
  }
  return Array.from({ length: REVIEWS }, (_, i) => texts[i % texts.length]!);
}

function painpoint(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const prof = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : [];
  return spawn(process.execPath, [...prof, BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a command to its end; its stdout, or an error with its stderr. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = painpoint(args, env);
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`painpoint ${args[0]} exited ${code}: ${err.slice(-800)}`))));
  });
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = painpoint(['worker', '--stages', 'ingest,store'], env);
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('worker running')) resolve(child);
    });
    child.stdout!.resume();
    child.once('exit', (code) => reject(new Error(`painpoint worker exited (${code}): ${seen.slice(-800)}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM')));
}

interface Run {
  seconds: number;
  cpuUsPerReview: { import: number; workers: number; redis: number; postgres: number };
}

const suite: BenchSuite = {
  name: 'scale-out',
  description: `${REVIEWS.toLocaleString('en-US')} reviews imported while ${WORKERS.join(', then ')} painpoint worker processes share one Redis, beside raw jieba cut`,
  async run() {
    const texts = await readReviews();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-bench-'));
    const file = path.join(tmp, 'reviews.csv');
    fs.writeFileSync(file, `id,text\n${texts.map((t, i) => `s-${i},"${t.replace(/"/g, '""')}"`).join('\n')}\n`);
    const jieba = Jieba.withDict(dict);
    for (const t of texts.slice(0, 2000)) jieba.cut(t, true);

    const services = await startThrowawayServices({ redis: true });
    const [pgPid, redisPid] = services.pids as [number, number];
    const runs = new Map<number, Run[]>(WORKERS.map((n) => [n, []]));
    const cutMs: number[] = [];
    const loadBefore = loadAverage();
    try {
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        for (const t of texts) jieba.cut(t, true);
        cutMs.push(performance.now() - t0);
        for (const n of r % 2 ? [...WORKERS].reverse() : WORKERS) {
          const name = `scale_${n}_${r}`;
          const admin = new pg.Client({ connectionString: services.adminUrl });
          await admin.connect();
          await admin.query(`CREATE DATABASE ${name}`);
          await admin.end();
          const url = new URL(services.adminUrl);
          url.pathname = `/${name}`;
          const configFile = path.join(tmp, `${name}.yaml`);
          fs.writeFileSync(configFile, `pipeline:\n  queuePrefix: ${name}\n`);
          const env = { ...process.env, DATABASE_URL: url.toString(), REDIS_URL: services.redisUrl!, PAINPOINT_CONFIG: configFile, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' };
          await run(['migrate'], env);
          const workers = await Promise.all(Array.from({ length: n }, () => startWorker(env)));
          try {
            const cpu0 = { import: reapedChildrenCpuMs(), workers: workers.reduce((s, w) => s + treeCpuMs(w.pid!), 0), redis: treeCpuMs(redisPid), postgres: treeCpuMs(pgPid) };
            const started = performance.now();
            const summary = JSON.parse(await run(['import', file, '--channel', 'review', '--source', 'bench', '--wait', '--no-worker', '--json'], env)) as { stored: number };
            const seconds = (performance.now() - started) / 1000;
            if (summary.stored !== REVIEWS) throw new Error(`stored ${summary.stored} of ${REVIEWS}`);
            const perReview = (ms: number) => Number(((ms * 1000) / REVIEWS).toFixed(1));
            runs.get(n)!.push({
              seconds,
              cpuUsPerReview: {
                import: perReview(reapedChildrenCpuMs() - cpu0.import),
                workers: perReview(workers.reduce((s, w) => s + treeCpuMs(w.pid!), 0) - cpu0.workers),
                redis: perReview(treeCpuMs(redisPid) - cpu0.redis),
                postgres: perReview(treeCpuMs(pgPid) - cpu0.postgres),
              },
            });
          } finally {
            await Promise.all(workers.map(stop));
          }
        }
      }
    } finally {
      await services.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const loadAfter = loadAverage();

    const cut = Math.round((REVIEWS / median(cutMs)) * 1000);
    const results: Record<string, unknown> = { reviews: REVIEWS, runs: RUNS, cores: os.availableParallelism(), cutReviewsPerSec: cut, loadAverage: { before: loadBefore, after: loadAfter } };
    let text = `${REVIEWS.toLocaleString('en-US')} reviews on Redis, median of ${RUNS} runs, load average ${loadBefore} → ${loadAfter}\n  raw jieba cut (1 thread): ${cut.toLocaleString('en-US')} reviews/s\n`;
    const rates: Record<number, number> = {};
    for (const n of WORKERS) {
      const got = runs.get(n)!;
      const seconds = median(got.map((x) => x.seconds));
      const rate = Math.round(REVIEWS / seconds);
      rates[n] = rate;
      const cpu = Object.fromEntries(Object.keys(got[0]!.cpuUsPerReview).map((k) => [k, Number(median(got.map((x) => x.cpuUsPerReview[k as keyof Run['cpuUsPerReview']])).toFixed(1))]));
      results[`workers${n}`] = { reviewsPerSec: rate, seconds: Number(seconds.toFixed(2)), ratioToCut: Number((rate / cut).toFixed(3)), cpuUsPerReview: cpu };
      text +=
        `  ${n} worker${n === 1 ? ' ' : 's'}: ${rate.toLocaleString('en-US')} reviews/s (${seconds.toFixed(1)} s, import command start to end) = ${(rate / cut).toFixed(3)}× raw cut\n` +
        `             CPU per review: ${Object.entries(cpu).map(([k, v]) => `${k} ${v} µs`).join(', ')}\n`;
    }
    if (WORKERS.length > 1) {
      const speedup = rates[WORKERS[WORKERS.length - 1]!]! / rates[WORKERS[0]!]!;
      results.speedup = Number(speedup.toFixed(2));
      text += `  ${WORKERS[0]} → ${WORKERS[WORKERS.length - 1]} workers: ${speedup.toFixed(2)}×\n`;
    }
    process.stdout.write(text);
    return results;
  },
};

export default suite;
