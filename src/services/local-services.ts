import type { Config } from '../config/index.ts';
import { ensureDatabase, postgresUrl, randomPassword, startEmbeddedPostgres, stopEmbeddedPostgres } from './embedded-postgres.ts';
import { freePort, isAlive, isListening } from './process-lifecycle.ts';
import { ensureRedisServer, redisUrl, startRedisServer, stopRedisServer } from './redis-server.ts';
import { readState, servicesPaths, withServicesLock, writeState, type RunningServer, type ServicesPaths, type ServicesState } from './state.ts';

/**
 * The local servers painpoint runs for itself when DATABASE_URL / REDIS_URL are unset: an embedded
 * Postgres in `<dataDir>/pg` and, on request, a redis-server in `<dataDir>/redis`.
 */

const DATABASE = 'painpoint';

export interface LocalServiceStatus {
  /** `env`: configured by DATABASE_URL / REDIS_URL; `embedded`: ours, running; `stopped`: ours, not running. */
  mode: 'env' | 'embedded' | 'stopped';
  url?: string | undefined;
  pid?: number | undefined;
  port?: number | undefined;
  /** Started by this call (rather than found running). */
  started?: boolean;
  /** Answered a connection just now (`services status` checks; 3 is its exit code when not). */
  reachable?: boolean;
}

export interface ServicesStatus {
  postgres: LocalServiceStatus;
  redis: LocalServiceStatus;
  /** The queue backend commands will use with these services. */
  queueBackend: 'redis' | 'postgres';
  dataDir: string;
}

async function alive(server: RunningServer | undefined): Promise<RunningServer | undefined> {
  if (!server || !isAlive(server.pid)) return undefined;
  return (await isListening(server.port)) ? server : undefined;
}

/** Reads the state file and checks which recorded servers still run. */
export async function servicesStatus(config: Readonly<Config>): Promise<ServicesStatus> {
  const paths = servicesPaths(config.dataDir);
  const state = readState(paths);
  const pg = await alive(state.postgres?.running);
  const redis = await alive(state.redis?.running);
  const postgres: LocalServiceStatus = config.env.databaseUrl
    ? { mode: 'env', url: config.env.databaseUrl }
    : pg && state.postgres
      ? { mode: 'embedded', url: postgresUrl(pg.port, state.postgres.password, state.postgres.database), pid: pg.pid, port: pg.port }
      : { mode: 'stopped' };
  const redisStatus: LocalServiceStatus = config.env.redisUrl
    ? { mode: 'env', url: config.env.redisUrl }
    : redis
      ? { mode: 'embedded', url: redisUrl(redis.port), pid: redis.pid, port: redis.port }
      : { mode: 'stopped' };
  return { postgres, redis: redisStatus, queueBackend: redisStatus.url ? 'redis' : 'postgres', dataDir: paths.dataDir };
}

export interface UpOptions {
  /** Also start a local redis-server (installing it with apt-get when root and missing). */
  redis?: boolean;
  /** Progress lines for the user (stderr). */
  say?: (line: string) => void;
}

/**
 * Starts what is not configured by the environment and not already running. Idempotent; safe to
 * call from several processes at once (they share one lock and one set of servers).
 */
export async function servicesUp(config: Readonly<Config>, options: UpOptions = {}): Promise<ServicesStatus> {
  const say = options.say ?? (() => undefined);
  const paths = servicesPaths(config.dataDir);
  const started = { postgres: false, redis: false };
  await withServicesLock(paths, async () => {
    const state = readState(paths);
    if (!config.env.databaseUrl && !(await alive(state.postgres?.running))) {
      await startPostgres(paths, state, say);
      started.postgres = true;
    }
    if (options.redis && !config.env.redisUrl && !(await alive(state.redis?.running))) {
      const binary = await ensureRedisServer(say);
      const port = await portFor(state.redis?.lastPort);
      const pid = await startRedisServer({ binary, port, dir: paths.redisDir, logFile: paths.redisLog, persistent: true });
      state.redis = { lastPort: port, running: { port, pid } };
      say(`started redis-server on 127.0.0.1:${port} (append-only file in ${paths.redisDir})`);
      started.redis = true;
    }
    writeState(paths, state);
  });
  const status = await servicesStatus(config);
  status.postgres.started = started.postgres;
  status.redis.started = started.redis;
  return status;
}

/** The port used last time when it is free again (URLs in psql or dashboards stay valid), else any. */
async function portFor(lastPort: number | undefined): Promise<number> {
  if (lastPort && !(await isListening(lastPort, 300))) return lastPort;
  return freePort();
}

async function startPostgres(paths: ServicesPaths, state: ServicesState, say: (line: string) => void): Promise<void> {
  const pgState = state.postgres ?? { password: randomPassword(), database: DATABASE };
  // Recorded before the first start: initdb sets this password, later starts must reuse it.
  state.postgres = { password: pgState.password, database: pgState.database, lastPort: pgState.lastPort };
  writeState(paths, state);
  const start = async (port: number) => {
    say(`starting the embedded Postgres on 127.0.0.1:${port} (data in ${paths.pgData}) …`);
    // Each worker process holds a few dozen connections (its pool, and per queue a pool and a
    // LISTEN connection on the Postgres backend): room for several workers and commands at once.
    return startEmbeddedPostgres({ dataDir: paths.pgData, port, password: pgState.password, logFile: paths.pgLog, settings: { max_connections: 300 } });
  };
  let port = await portFor(pgState.lastPort);
  let pid: number;
  try {
    pid = await start(port);
  } catch (err) {
    // The remembered port may be taken on another interface: once more, anywhere.
    if (port !== pgState.lastPort) throw err;
    port = await freePort();
    pid = await start(port);
  }
  await ensureDatabase(postgresUrl(port, pgState.password, 'postgres'), pgState.database);
  state.postgres = { ...state.postgres, lastPort: port, running: { port, pid } };
}

/** Stops the servers `up` started (never anything named by DATABASE_URL / REDIS_URL). */
export async function servicesDown(config: Readonly<Config>, options: { say?: (line: string) => void } = {}): Promise<{ stopped: string[] }> {
  const say = options.say ?? (() => undefined);
  const paths = servicesPaths(config.dataDir);
  const stopped: string[] = [];
  await withServicesLock(paths, async () => {
    const state = readState(paths);
    if (state.redis?.running) {
      if (isAlive(state.redis.running.pid)) {
        await stopRedisServer(state.redis.running.pid);
        stopped.push('redis');
        say(`stopped redis-server (pid ${state.redis.running.pid})`);
      }
      state.redis = { lastPort: state.redis.running.port };
    }
    if (state.postgres?.running) {
      if (isAlive(state.postgres.running.pid)) {
        await stopEmbeddedPostgres(state.postgres.running.pid);
        stopped.push('postgres');
        say(`stopped the embedded Postgres (pid ${state.postgres.running.pid})`);
      }
      state.postgres = { password: state.postgres.password, database: state.postgres.database, lastPort: state.postgres.running.port };
    }
    writeState(paths, state);
  });
  return { stopped };
}
