import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';

describe.each(bothBackends())('queue kit on $backend', ({ backend, redisUrl }) => {
  const db = useTestDatabase(`queues_${backend}`);
  let ctx: PipelineContext;

  beforeAll(async () => {
    const config = loadConfig({ overrides: { pipeline: { queuePrefix: uniquePrefix('kit') } }, env: {} });
    ctx = await createPipelineContext(config, { databaseUrl: db.current.url, redisUrl, logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await closePipelineContext(ctx);
  });

  it('runs on the backend the connection asks for, with prefixed queue names', () => {
    expect(ctx.queues.backend).toBe(backend);
    expect(ctx.queues.queue('ingest').name).toBe(`${ctx.config.pipeline.queuePrefix}-ingest`);
    expect(ctx.queues.queue('ingest')).toBe(ctx.queues.queue('ingest'));
  });

  it('carries every job from producer to worker exactly once, retrying a failed attempt', async () => {
    const seen = new Map<number, number>();
    let failedOnce = false;
    const all = new Promise<void>((resolve) => {
      const worker = ctx.queues.worker<{ n: number }, number>(
        'ingest',
        async (job) => {
          if (job.data.n === 7 && !failedOnce) {
            failedOnce = true;
            throw new Error('first attempt fails');
          }
          seen.set(job.data.n, (seen.get(job.data.n) ?? 0) + 1);
          if (seen.size === 40) resolve();
          return job.data.n * 2;
        },
        { concurrency: 4 },
      );
      worker.on('error', () => undefined);
    });
    await ctx.queues.queue<{ n: number }>('ingest').addBulk(
      Array.from({ length: 40 }, (_, n) => ({ name: 'n', data: { n }, opts: { jobId: `job-${n}`, attempts: 3, backoff: { type: 'fixed', delay: 10 } } })),
    );
    // A job id already queued is not queued again: a repeated producer is harmless.
    await ctx.queues.queue<{ n: number }>('ingest').add('n', { n: 3 }, { jobId: 'job-3' });
    await all;
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    expect(failedOnce).toBe(true);
    const job = await ctx.queues.queue('ingest').getJob('job-7');
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
  });

  it('keeps a job that exhausts its attempts as failed', async () => {
    const failed = new Promise<string>((resolve) => {
      const worker = ctx.queues.worker('store', async () => {
        throw new Error('always broken');
      });
      worker.on('failed', (job, err) => {
        if (job && job.attemptsMade >= 2) resolve(err.message);
      });
      worker.on('error', () => undefined);
    });
    await ctx.queues.queue('store').add('x', {}, { jobId: 'doomed', attempts: 2, backoff: { type: 'fixed', delay: 10 }, removeOnFail: false });
    expect(await failed).toBe('always broken');
    const counts = await ctx.queues.queue('store').getJobCounts('failed');
    expect(counts.failed).toBe(1);
  });
});
