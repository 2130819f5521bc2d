import { describe, expect, it } from 'vitest';
import { PainpointError, TransientError } from '../../../src/errors/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { atJobBoundary } from '../../../src/pipeline/job-boundary.ts';
import { pipelineJobOptions } from '../../../src/pipeline/job-options.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, openContext, testConfig } from './pipeline-support.ts';

describe.each(bothBackends())('the job boundary on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('boundary');

  it('fails a job at once on a non-retryable PainpointError, retries a transient one with backoff, keeps failed jobs', async () => {
    const config = testConfig(uniquePrefix('boundary'), { attempts: 3, backoffMs: 50 });
    const ctx = await openContext(config, db.current.url, redisUrl);
    try {
      const calls: Record<string, number> = {};
      const queue = ctx.queues.queue<{ kind: string }>('ingest');
      const opts = pipelineJobOptions(config.pipeline);
      await queue.add('x', { kind: 'bad-input' }, { ...opts, jobId: 'bad-input' });
      await queue.add('x', { kind: 'transient' }, { ...opts, jobId: 'transient' });
      await queue.add('x', { kind: 'fine-after-one' }, { ...opts, jobId: 'fine-after-one' });
      const worker = ctx.queues.worker<{ kind: string }>(
        'ingest',
        atJobBoundary('ingest', createLogger({ level: 'silent' }), async (job) => {
          const n = (calls[job.data.kind] = (calls[job.data.kind] ?? 0) + 1);
          if (job.data.kind === 'bad-input') throw new PainpointError('INPUT_INVALID', 'cannot be fixed by trying again');
          if (job.data.kind === 'transient' || n === 1) throw new TransientError('DB_DOWN', 'try again');
          return 'ok';
        }),
        { concurrency: 3 },
      );
      worker.on('error', () => undefined);
      for (let i = 0; i < 200; i++) {
        const counts = await queue.getJobCounts('failed', 'completed');
        if (counts.failed === 2 && counts.completed === 1) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await worker.close();
      expect(calls).toEqual({ 'bad-input': 1, transient: 3, 'fine-after-one': 2 });
      const bad = await queue.getJob('bad-input');
      expect(bad!.failedReason).toBe('INPUT_INVALID: cannot be fixed by trying again');
      expect(bad!.attemptsMade).toBe(1);
      expect(await queue.getJobState('transient')).toBe('failed');
      expect(await queue.getJobState('fine-after-one')).toBe('completed');
    } finally {
      await closePipelineContext(ctx);
    }
  });
});
