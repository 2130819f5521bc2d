import { describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app/app-context.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { BULLMQ_SCHEMA } from '../../../src/pipeline/connection.ts';
import { painpoint } from '../../support/cli.ts';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';

/** Nothing listens on port 1: a command that connects to these queues fails. */
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';

describe('the application context', () => {
  const db = useTestDatabase('app_context');

  it('runs read-only commands without connecting to the queues', async () => {
    const env = { DATABASE_URL: db.current.url, REDIS_URL: UNREACHABLE_REDIS, LOG_LEVEL: 'silent' };
    const list = await painpoint(['alerts', 'list'], env);
    expect(list).toMatchObject({ code: 0, out: 'no alerts\n' });
    expect(list.err).toContain('alerts by status: none');
    const endpoints = await painpoint(['alerts', 'endpoints'], env);
    expect(endpoints.code).toBe(0);
    expect(endpoints.out).toMatch(/^no endpoints registered for deployment/);
    // A command that enqueues does open them, and says which server it could not reach.
    const retry = await painpoint(['alerts', 'retry', '--failed'], env);
    expect(retry.code).not.toBe(0);
    expect(retry.err).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  it('on Postgres, migrates BullMQ\'s schema only when the queues are first used, and opens them once', async () => {
    const tables = async () => Number((await db.current.pool.query<{ n: string }>('SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1', [BULLMQ_SCHEMA])).rows[0]!.n);
    expect(await tables()).toBe(0);
    const env = { DATABASE_URL: db.current.url, LOG_LEVEL: 'silent' };
    expect((await painpoint(['alerts', 'list'], env)).code).toBe(0);
    expect(await tables()).toBe(0);

    const config = loadConfig({ env: { DATABASE_URL: db.current.url }, overrides: { pipeline: { queuePrefix: uniquePrefix('app') } } });
    const app = await openApp(config, { start: false, poolSize: 2 });
    try {
      expect(await tables()).toBe(0);
      const [first, second] = await Promise.all([app.pipeline(), app.pipeline()]);
      expect(first).toBe(second);
      expect(first.pool).toBe(app.pool);
      expect(first.queues.backend).toBe('postgres');
      expect(await tables()).toBeGreaterThan(0);
      expect(await first.queues.queue('ingest').count()).toBe(0);
    } finally {
      await app.close();
    }
    await expect(app.pipeline()).rejects.toThrow(/closed/);
    expect(app.pool.ending).toBe(true);
  });
});
