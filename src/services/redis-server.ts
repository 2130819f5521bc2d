import fs from 'node:fs';
import path from 'node:path';
import { PainpointError } from '../errors/index.ts';
import { execFileAsync, isListening, logTail, sleep, spawnServer, stopProcess } from './process-lifecycle.ts';

/** The system's redis-server (the Debian package), run by us on a port of our choosing. */

const INSTALL_HINT =
  'redis-server is not installed. Install it with `sudo apt-get install -y redis-server` ' +
  '(Debian/Ubuntu), or run Redis in Docker with `docker compose up -d redis` and set REDIS_URL=redis://127.0.0.1:6379. ' +
  'Without --redis, the queues run on Postgres and need no Redis at all.';

export async function findRedisServer(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin', '/usr/local/bin'])) {
    const candidate = path.join(dir, 'redis-server');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Finds redis-server; when it is missing and we are root, installs the Debian package (telling the
 * user through `say`); otherwise fails with the install command and the Docker alternative.
 */
export async function ensureRedisServer(say: (line: string) => void): Promise<string> {
  const found = await findRedisServer();
  if (found) return found;
  if (process.getuid?.() !== 0 || !(await commandExists('apt-get'))) throw new PainpointError('REDIS_NOT_INSTALLED', INSTALL_HINT);
  say('redis-server is not installed: installing the Debian package with apt-get (running as root) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await execFileAsync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env }).catch(async () => {
      await execFileAsync('apt-get', ['update'], { env });
      await execFileAsync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env });
    });
  } catch (err) {
    throw new PainpointError('REDIS_NOT_INSTALLED', `installing redis-server with apt-get failed: ${(err as Error).message}\n${INSTALL_HINT}`);
  }
  const installed = await findRedisServer();
  if (!installed) throw new PainpointError('REDIS_NOT_INSTALLED', INSTALL_HINT);
  say(`installed ${installed}`);
  return installed;
}

async function commandExists(name: string): Promise<boolean> {
  try {
    await execFileAsync('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
}

export interface RedisServerOptions {
  binary: string;
  port: number;
  /** Working directory: the append-only file and dumps go here. */
  dir: string;
  logFile: string;
  /** Durable (append-only file, fsync every second) or throwaway (tests). */
  persistent: boolean;
  attached?: boolean;
}

export function redisUrl(port: number): string {
  return `redis://127.0.0.1:${port}`;
}

export async function startRedisServer(options: RedisServerOptions): Promise<number> {
  fs.mkdirSync(options.dir, { recursive: true });
  const args = [
    '--port', String(options.port),
    '--bind', '127.0.0.1',
    '--dir', options.dir,
    '--daemonize', 'no',
    '--protected-mode', 'yes',
    // BullMQ needs keys that never expire on their own.
    '--maxmemory-policy', 'noeviction',
    ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no', '--save', '']),
  ];
  const server = spawnServer(options.binary, args, { logFile: options.logFile, attached: options.attached });
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + 20_000;
  while (!(await isListening(options.port, 500))) {
    if (exited || Date.now() > deadline) {
      await stopProcess(server.pid, 'SIGTERM', 3000);
      throw new PainpointError('REDIS_START_FAILED', `redis-server did not start on port ${options.port}:\n${logTail(options.logFile)}`);
    }
    await sleep(50);
  }
  return server.pid;
}

/** SIGTERM: Redis flushes its append-only file and exits. */
export async function stopRedisServer(pid: number): Promise<void> {
  await stopProcess(pid, 'SIGTERM');
}
