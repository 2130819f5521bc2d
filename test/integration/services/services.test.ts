import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { resolveServices, servicesDown, servicesStatus, servicesUp } from '../../../src/services/index.ts';
import { isAlive } from '../../../src/services/process-lifecycle.ts';

/** The real lifecycle: an embedded Postgres and a redis-server in a temp data directory. */
describe('painpoint services', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-services-'));
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, `dataDir: ${path.join(dir, 'data')}\n`);
  const config = loadConfig({ configFile, env: {} });
  const pids: number[] = [];

  afterAll(async () => {
    await servicesDown(config);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails with advice when nothing runs and starting is not allowed', async () => {
    await expect(resolveServices(config, { start: false })).rejects.toThrow(/painpoint services up/);
  });

  it('starts Postgres and Redis, and a second `up` finds them running', async () => {
    const first = await servicesUp(config, { redis: true });
    expect(first.postgres).toMatchObject({ mode: 'embedded', started: true });
    expect(first.redis).toMatchObject({ mode: 'embedded', started: true });
    expect(first.queueBackend).toBe('redis');
    pids.push(first.postgres.pid!, first.redis.pid!);

    const again = await servicesUp(config, { redis: true });
    expect(again.postgres).toMatchObject({ pid: first.postgres.pid, started: false });
    expect(again.redis).toMatchObject({ pid: first.redis.pid, started: false });
    expect(fs.existsSync(path.join(dir, 'data', 'redis', 'appendonlydir'))).toBe(true);
  });

  it('lets later commands find the servers by themselves, and they work', async () => {
    const resolved = await resolveServices(config, { start: false });
    expect(resolved.started).toBe(false);
    const client = new pg.Client({ connectionString: resolved.databaseUrl });
    await client.connect();
    const row = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.end();
    expect(row.rows[0]!.db).toBe('painpoint');

    const redis = new Redis(resolved.redisUrl!);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });

  it('lets DATABASE_URL and REDIS_URL win over the running servers', async () => {
    const withEnv = loadConfig({ configFile, env: { DATABASE_URL: 'postgres://elsewhere/db', REDIS_URL: 'redis://elsewhere:6379' } });
    const resolved = await resolveServices(withEnv, { start: true });
    expect(resolved).toEqual({ databaseUrl: 'postgres://elsewhere/db', redisUrl: 'redis://elsewhere:6379', started: false });
  });

  it('stops what it started; a later command starts Postgres again with the same data', async () => {
    const status = await servicesStatus(config);
    const client = new pg.Client({ connectionString: status.postgres.url! });
    await client.connect();
    await client.query('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
    await client.end();

    const { stopped } = await servicesDown(config);
    expect(stopped.sort()).toEqual(['postgres', 'redis']);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect((await servicesStatus(config)).postgres.mode).toBe('stopped');

    const lines: string[] = [];
    const resolved = await resolveServices(config, { start: true, say: (l) => lines.push(l) });
    expect(resolved.started).toBe(true);
    expect(resolved.redisUrl).toBeUndefined();
    expect(lines.join('\n')).toMatch(/starting the embedded Postgres/);
    // Same port and password as before: a URL saved in psql or a dashboard keeps working.
    expect(resolved.databaseUrl).toBe(status.postgres.url);
    const again = new pg.Client({ connectionString: resolved.databaseUrl });
    await again.connect();
    const kept = await again.query<{ v: string }>('SELECT v FROM kept');
    await again.end();
    expect(kept.rows).toEqual([{ v: 'still here' }]);
    pids.push((await servicesStatus(config)).postgres.pid!);
  });
});
