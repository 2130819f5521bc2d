import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, postgresUrl, randomPassword, startEmbeddedPostgres, stopEmbeddedPostgres } from './embedded-postgres.ts';
import { freePort } from './process-lifecycle.ts';
import { findRedisServer, redisUrl, startRedisServer, stopRedisServer } from './redis-server.ts';

export interface ThrowawayServices {
  /** The `postgres` database: create others from here. */
  adminUrl: string;
  /** A `painpoint` database, created empty. */
  databaseUrl: string;
  redisUrl: string | undefined;
  root: string;
  pids: number[];
  stop(): Promise<void>;
}

/**
 * A Postgres (and, when asked, a redis-server) in a temp directory, on free ports, durability off,
 * for tests and benchmarks: nothing here is meant to survive. `stop()` stops both and removes
 * the directory; it is safe to call twice. If this process dies first (a killed test run), a
 * detached watchdog stops the servers and removes the directory, so nothing is left behind.
 */
export async function startThrowawayServices(options: { redis: boolean; postgresSettings?: Record<string, string | number> }): Promise<ThrowawayServices> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-'));
  const stops: (() => Promise<void>)[] = [];
  const pids: number[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of stops.reverse()) await s().catch(() => undefined);
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
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: 300, ...options.postgresSettings },
    });
    pids.push(pgPid);
    stops.push(() => stopEmbeddedPostgres(pgPid));
    const adminUrl = postgresUrl(pgPort, password, 'postgres');
    await ensureDatabase(adminUrl, 'painpoint');

    let rUrl: string | undefined;
    if (options.redis) {
      const binary = await findRedisServer();
      if (!binary) throw new Error('redis-server is not installed (apt-get install -y redis-server)');
      const port = await freePort();
      const redisPid = await startRedisServer({ binary, port, dir: path.join(root, 'redis'), logFile: path.join(root, 'redis.log'), persistent: false, attached: true });
      pids.push(redisPid);
      stops.push(() => stopRedisServer(redisPid));
      rUrl = redisUrl(port);
    }
    startWatchdog(pids, root);
    return { adminUrl, databaseUrl: postgresUrl(pgPort, password, 'painpoint'), redisUrl: rUrl, root, pids, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * A shell that waits for this process to end. The directory still existing means `stop()` never ran:
 * it then stops the servers and removes the directory (checking first, so pids reused later are safe).
 */
function startWatchdog(pids: number[], root: string): void {
  const list = pids.join(' ');
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; [ -d '${root}' ] || exit 0; kill -INT ${list} 2>/dev/null; sleep 3; kill -9 ${list} 2>/dev/null; rm -rf '${root}'`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}
