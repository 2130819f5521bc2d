/**
 * No-op jobs per second through BullMQ on each backend, the ceiling a job-per-item design would hit:
 * a worker drains a pre-filled queue of jobs that do nothing. Also the producer side (addBulk).
 * Servers: a throwaway Postgres and redis-server started for the run (durability off, as in tests).
 */
import type { BenchSuite } from '../index.ts';
import { median } from '../stats.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../src/pipeline/connection.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';

const RUNS = 3;
const JOBS = { redis: 20_000, postgres: 5_000 } as const;
const CONCURRENCY = [1, 8];

async function measure(backend: 'redis' | 'postgres', databaseUrl: string, redisUrl: string | undefined, concurrency: number, run: number) {
  const config = loadConfig({ overrides: { pipeline: { queuePrefix: `bench-${backend}-${concurrency}-${run}` } }, env: {} });
  const ctx = await createPipelineContext(config, { databaseUrl, redisUrl: backend === 'redis' ? redisUrl : undefined, logger: createLogger({ level: 'silent' }) });
  try {
    const queue = ctx.queues.queue<{ n: number }>('analyze');
    const total = JOBS[backend];
    const t0 = performance.now();
    for (let i = 0; i < total; i += 1000) {
      await queue.addBulk(Array.from({ length: Math.min(1000, total - i) }, (_, k) => ({ name: 'noop', data: { n: i + k }, opts: { removeOnComplete: true } })));
    }
    const addMs = performance.now() - t0;
    let done = 0;
    const t1 = performance.now();
    await new Promise<void>((resolve) => {
      const worker = ctx.queues.worker('analyze', async () => {
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

const suite: BenchSuite = {
  name: 'queues',
  description: 'BullMQ no-op jobs/s on Redis and on the Postgres backend (worker draining a pre-filled queue)',
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
      return results;
    } finally {
      await services.stop();
    }
  },
};

export default suite;
