/**
 * The ceilings under the pipeline's stages. Queues: no-op jobs per second through BullMQ on each
 * backend (a worker draining a pre-filled queue of jobs that do nothing; also addBulk), the limit a
 * job-per-item design would hit. Store: analysed items per second through saveAnalyzedBatch (new
 * items, then the same again as duplicates), with the Postgres server's CPU time per item, which
 * the shared machine's load does not distort the way it distorts wall time.
 * Servers: a throwaway Postgres and redis-server started for the run (durability off, as in tests).
 */
import fs from 'node:fs';
import type { BenchSuite } from '../index.ts';
import { median } from '../stats.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../src/pipeline/connection.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { saveAnalyzedBatch } from '../../src/store/feedback-repository.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createPool } from '../../src/store/pool.ts';
import { makeItems } from '../../test/integration/store/analyzed-items.ts';

const RUNS = 3;
const JOBS = { redis: 20_000, postgres: 5_000 } as const;
const CONCURRENCY = [1, 8];

async function measure(backend: 'redis' | 'postgres', databaseUrl: string, redisUrl: string | undefined, concurrency: number, run: number) {
  const config = loadConfig({ overrides: { pipeline: { queuePrefix: `bench-${backend}-${concurrency}-${run}` } }, env: {} });
  const ctx = await createPipelineContext(config, { databaseUrl, redisUrl: backend === 'redis' ? redisUrl : undefined, logger: createLogger({ level: 'silent' }) });
  try {
    const queue = ctx.queues.queue<{ n: number }>('ingest');
    const total = JOBS[backend];
    const t0 = performance.now();
    for (let i = 0; i < total; i += 1000) {
      await queue.addBulk(Array.from({ length: Math.min(1000, total - i) }, (_, k) => ({ name: 'noop', data: { n: i + k }, opts: { removeOnComplete: true } })));
    }
    const addMs = performance.now() - t0;
    let done = 0;
    const t1 = performance.now();
    await new Promise<void>((resolve) => {
      const worker = ctx.queues.worker('ingest', async () => {
        if (++done === total) resolve();
      }, { concurrency });
      worker.on('error', () => undefined);
    });
    const drainMs = performance.now() - t1;
    return { addPerSec: (total / addMs) * 1000, jobsPerSec: (total / drainMs) * 1000 };
  } finally {
    await closePipelineContext(ctx);
  }
}

/** CPU milliseconds a process has used (Linux /proc; 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measureStore(databaseUrl: string, batch: number, run: number) {
  const pool = createPool(databaseUrl, { max: 1 });
  try {
    await migrate(pool);
    const pid = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const text = '火锅底料味道很正宗，就是配送太慢了，冰袋都化了，下次希望快一点。客服态度还可以。';
    const items = makeItems(20_000, { seed: run + 1, source: `bench-${batch}-${run}` }).map((it) => ({ ...it, text, meta: { platform: 'meituan', likes: 3 } }));
    const pass = async () => {
      const cpu0 = cpuMs(pid);
      const t0 = performance.now();
      for (let i = 0; i < items.length; i += batch) await saveAnalyzedBatch(pool, items.slice(i, i + batch));
      return { perSec: (items.length / (performance.now() - t0)) * 1000, cpuUsPerItem: ((cpuMs(pid) - cpu0) * 1000) / items.length };
    };
    return { stored: await pass(), duplicates: await pass() };
  } finally {
    await pool.end();
  }
}

const suite: BenchSuite = {
  name: 'queues',
  description: 'BullMQ no-op jobs/s on Redis and on the Postgres backend; store transaction items/s (saveAnalyzedBatch)',
  async run() {
    const services = await startThrowawayServices({ redis: true });
    const results: Record<string, unknown> = {};
    try {
      for (const backend of ['redis', 'postgres'] as const) {
        for (const concurrency of CONCURRENCY) {
          const runs = [];
          for (let r = 0; r < RUNS; r++) runs.push(await measure(backend, services.databaseUrl, services.redisUrl, concurrency, r));
          const figure = {
            jobs: JOBS[backend],
            concurrency,
            jobsPerSec: Math.round(median(runs.map((x) => x.jobsPerSec))),
            addBulkPerSec: Math.round(median(runs.map((x) => x.addPerSec))),
          };
          results[`${backend}-c${concurrency}`] = figure;
          process.stdout.write(`${backend.padEnd(8)} concurrency ${String(concurrency).padStart(2)}: ${figure.jobsPerSec} jobs/s processed, ${figure.addBulkPerSec} jobs/s added (median of ${RUNS})\n`);
        }
      }
      const r = results as Record<string, { jobsPerSec: number }>;
      const ratio = r['redis-c8']!.jobsPerSec / r['postgres-c8']!.jobsPerSec;
      process.stdout.write(`redis / postgres at concurrency 8: ${ratio.toFixed(1)}x\n`);
      results.ratioRedisToPostgres = Number(ratio.toFixed(2));

      for (const batch of [100, 500]) {
        const runs = [];
        for (let r = 0; r < RUNS; r++) runs.push(await measureStore(services.databaseUrl, batch, r));
        const figure = {
          batch,
          storedPerSec: Math.round(median(runs.map((x) => x.stored.perSec))),
          postgresCpuUsPerStoredItem: Number(median(runs.map((x) => x.stored.cpuUsPerItem)).toFixed(1)),
          duplicatesPerSec: Math.round(median(runs.map((x) => x.duplicates.perSec))),
          postgresCpuUsPerDuplicate: Number(median(runs.map((x) => x.duplicates.cpuUsPerItem)).toFixed(1)),
        };
        results[`store-b${batch}`] = figure;
        process.stdout.write(
          `store    batch ${String(batch).padStart(4)}: ${figure.storedPerSec} items/s stored (Postgres CPU ${figure.postgresCpuUsPerStoredItem} µs/item), ` +
            `${figure.duplicatesPerSec} items/s as duplicates (${figure.postgresCpuUsPerDuplicate} µs/item) (median of ${RUNS})\n`,
        );
      }
      return results;
    } finally {
      await services.stop();
    }
  },
};

export default suite;
