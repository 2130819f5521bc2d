import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, postgresUrl, randomPassword, startEmbeddedPostgres, stopEmbeddedPostgres } from '../../src/services/embedded-postgres.ts';
import { freePort } from '../../src/services/process-lifecycle.ts';
import { findRedisServer, redisUrl, startRedisServer, stopRedisServer } from '../../src/services/redis-server.ts';
import { createPool } from '../../src/store/pool.ts';
import { migrate } from '../../src/store/migrate.ts';
import { TEMPLATE_DATABASE } from './constants.ts';

/**
 * Starts ONE Postgres and ONE redis-server for the whole integration run, each on a free port in a
 * temp directory, and a migrated template database that each test database is copied from.
 * Tests read the URLs with `inject` (see services.ts). Everything is stopped and removed at the end;
 * a watchdog does the same if this process dies without running its teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-test-'));
  const pids: number[] = [];
  const teardown = async () => {
    for (const pid of pids.reverse()) await stopServer(pid);
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    const password = randomPassword();
    const pgPort = await freePort();
    const pgPid = await startEmbeddedPostgres({
      dataDir: path.join(root, 'pg'),
      port: pgPort,
      password,
      logFile: path.join(root, 'pg.log'),
      attached: true,
      // Throwaway data: durability buys nothing here and costs seconds per run.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: 300 },
    });
    pids.push(pgPid);

    const redisBinary = await findRedisServer();
    if (!redisBinary) throw new Error('integration tests need redis-server (apt-get install -y redis-server)');
    const rPort = await freePort();
    const redisPid = await startRedisServer({ binary: redisBinary, port: rPort, dir: path.join(root, 'redis'), logFile: path.join(root, 'redis.log'), persistent: false, attached: true });
    pids.push(redisPid);
    startWatchdog(pids, root);

    const adminUrl = postgresUrl(pgPort, password, 'postgres');
    await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
    const pool = createPool(postgresUrl(pgPort, password, TEMPLATE_DATABASE), { max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }

    project.provide('postgresAdminUrl', adminUrl);
    project.provide('redisUrl', redisUrl(rPort));
    project.provide('servicesRoot', root);
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}

async function stopServer(pid: number): Promise<void> {
  // Postgres stops on SIGINT (fast shutdown), redis-server on SIGTERM; each ignores the other's.
  try {
    const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    if (comm.startsWith('redis')) return await stopRedisServer(pid);
  } catch {
    // gone already, or no /proc: fall through
  }
  await stopEmbeddedPostgres(pid);
}

/**
 * A detached shell that outlives a crashed or killed test run: once this process is gone, it kills
 * the servers and removes their directory, so no run leaves processes or files behind.
 */
function startWatchdog(pids: number[], root: string): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -INT ${pids.join(' ')} 2>/dev/null; sleep 3; kill -9 ${pids.join(' ')} 2>/dev/null; rm -rf '${root}'`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    redisUrl: string;
    servicesRoot: string;
  }
}
