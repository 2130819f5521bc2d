import pg from 'pg';
import { Redis } from 'ioredis';
import {
  createPostgresBackend,
  createRedisBackend,
  runMigrations,
  withBackend,
  type Processor,
  type Queue,
  type Worker,
  type WorkerOptions,
} from 'bullmq';
import type { Config } from '../config/index.ts';
import { PainpointError, TransientError } from '../errors/index.ts';
import { createLogger, redactUrl, type Logger } from '../log/logger.ts';
import { migrate } from '../store/migrate.ts';
import { createPool } from '../store/pool.ts';
import type { PipelineContext, QueueKit } from './context.ts';
import { queueName, type Stage } from './queue-names.ts';

/** Where the queues live: Redis when `redisUrl` is set, otherwise the Postgres at `databaseUrl`. */
export interface QueueConnection {
  databaseUrl: string;
  redisUrl?: string | undefined;
}

/** BullMQ's own tables live in this schema of the painpoint database, apart from ours. */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * The queue backend behind one interface. Both backends go through `withBackend`, so queue and
 * worker code is the same; only the connection each is given differs. On Postgres, BullMQ's
 * schema is migrated here once (its migrator takes an advisory lock, so concurrent starters are safe).
 */
export async function createQueueKit(config: Readonly<Config>, connection: QueueConnection): Promise<QueueKit> {
  return connection.redisUrl ? redisKit(config, connection.redisUrl) : postgresKit(config, connection.databaseUrl);
}

interface Backend {
  backend: QueueKit['backend'];
  // The backend classes differ in their type parameters only; the kit hands them out as plain queues.
  makeQueue(name: string): Queue;
  makeWorker(name: string, processor: Processor, options: Partial<WorkerOptions>): Worker;
  closeShared(): Promise<void>;
}

async function redisKit(config: Readonly<Config>, url: string): Promise<QueueKit> {
  const { Queue, Worker } = withBackend(createRedisBackend);
  // Producers share one connection; each worker gets its own (BullMQ adds a blocking one), and a
  // worker's connection must retry forever rather than fail a command while Redis restarts.
  const shared = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  shared.on('error', () => undefined);
  try {
    await shared.connect();
  } catch (err) {
    shared.disconnect();
    throw new TransientError('REDIS_UNREACHABLE', `cannot reach Redis at ${redactUrl(url)}: ${(err as Error).message}`, err);
  }
  // Clients are built here rather than from options: BullMQ's own ioredis loading needs `require`,
  // which a native ESM build of it does not have.
  const workerClients: Redis[] = [];
  return makeKit(config, {
    backend: 'redis',
    makeQueue: (name) => new Queue(name, { connection: shared }) as unknown as Queue,
    makeWorker: (name, processor, options) => {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      client.on('error', () => undefined);
      workerClients.push(client);
      return new Worker(name, processor, { ...options, connection: client }) as unknown as Worker;
    },
    closeShared: async () => {
      await Promise.allSettled([shared, ...workerClients].map((c) => c.quit().catch(() => c.disconnect())));
    },
  });
}

async function postgresKit(config: Readonly<Config>, databaseUrl: string): Promise<QueueKit> {
  const { Queue, Worker } = withBackend(createPostgresBackend);
  // BullMQ pins its schema on pools it builds; on one it is given, the search_path is ours to set.
  const shared = new pg.Pool({ connectionString: databaseUrl, max: 4, application_name: 'painpoint-queues', options: `-c search_path=${BULLMQ_SCHEMA}` });
  // A broken connection (a Postgres restart), idle or checked out, must not end the process.
  shared.on('error', () => undefined);
  shared.on('connect', (c) => c.on('error', () => undefined));
  const client = await shared.connect().catch((err: Error) => {
    void shared.end();
    throw new TransientError('POSTGRES_UNREACHABLE', `cannot reach Postgres at ${redactUrl(databaseUrl)}: ${err.message}`, err);
  });
  try {
    await runMigrations(client, BULLMQ_SCHEMA);
  } finally {
    client.release();
  }
  return makeKit(config, {
    backend: 'postgres',
    // Producers share a pool (BullMQ does not close a pool it was given); each worker builds its
    // own, with a dedicated LISTEN connection that does not hold a pool slot.
    makeQueue: (name) => new Queue(name, { connection: shared }) as unknown as Queue,
    makeWorker: (name, processor, options) =>
      new Worker(name, processor, {
        ...options,
        connection: { connectionString: databaseUrl, schema: BULLMQ_SCHEMA, max: 2 + (options.concurrency ?? 1), application_name: `painpoint-${name}` },
      }) as unknown as Worker,
    closeShared: () => shared.end(),
  });
}

function makeKit(config: Readonly<Config>, backend: Backend): QueueKit {
  const prefix = config.pipeline.queuePrefix;
  const queues = new Map<Stage, Queue>();
  const workers = new Set<Worker>();
  let closing: Promise<void> | undefined;
  return {
    backend: backend.backend,
    queue<Data = unknown>(stage: Stage): Queue<Data> {
      let queue = queues.get(stage);
      if (!queue) {
        queue = backend.makeQueue(queueName(prefix, stage));
        queue.on('error', () => undefined);
        queues.set(stage, queue);
      }
      return queue as Queue<Data>;
    },
    worker<Data = unknown, Result = unknown>(stage: Stage, processor: Processor<Data, Result>, options: Partial<WorkerOptions> = {}): Worker<Data, Result> {
      const worker = backend.makeWorker(queueName(prefix, stage), processor as Processor, { concurrency: config.pipeline.concurrency, ...options });
      workers.add(worker);
      return worker as unknown as Worker<Data, Result>;
    },
    close(): Promise<void> {
      closing ??= (async () => {
        // Workers first: each finishes (or hands back) its in-flight jobs before the connections go.
        await Promise.allSettled([...workers].map((w) => w.close()));
        await Promise.allSettled([...queues.values()].map((q) => q.close()));
        await backend.closeShared();
      })();
      return closing;
    },
  };
}

export interface StoreOptions {
  databaseUrl: string;
  logger?: Logger | undefined;
  /** Apply pending migrations first (default true): every command that needs the database does. */
  migrate?: boolean | undefined;
  /** Connections of the painpoint pool (default 10). */
  poolSize?: number | undefined;
  /** Tags the pool's connections in pg_stat_activity (default painpoint). */
  applicationName?: string | undefined;
}

export type PipelineContextOptions = StoreOptions & QueueConnection;

/** The painpoint pool (schema migrated unless told not to) and the logger: what needs no queue. */
export async function openStore(config: Readonly<Config>, options: StoreOptions): Promise<{ pool: pg.Pool; logger: Logger }> {
  const logger = options.logger ?? createLogger({ level: config.env.logLevel });
  const pool = createPool(options.databaseUrl, { max: options.poolSize ?? 10, ...(options.applicationName ? { applicationName: options.applicationName } : {}) });
  try {
    if (options.migrate !== false) {
      const { applied, changed } = await migrate(pool).catch((err: Error & { code?: string }) => {
        if (err instanceof PainpointError) throw err;
        throw new TransientError('POSTGRES_UNREACHABLE', `cannot reach Postgres at ${redactUrl(options.databaseUrl)}: ${err.message}`, err);
      });
      if (applied.length > 0) logger.info({ migrations: applied.map((m) => `${m.version}_${m.name}`) }, 'database migrated');
      if (changed.length > 0) logger.warn({ migrations: changed.map((m) => m.file) }, 'migration files changed after they were applied to this database');
    }
    return { pool, logger };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

/** The queues on the chosen backend, beside a store already open: the pipeline's context. */
export async function withQueues(config: Readonly<Config>, store: { pool: pg.Pool; logger: Logger }, connection: QueueConnection): Promise<PipelineContext> {
  const queues = await createQueueKit(config, connection);
  store.logger.debug({ backend: queues.backend, prefix: config.pipeline.queuePrefix }, 'queues ready');
  return { config, pool: store.pool, queues, logger: store.logger };
}

/**
 * Everything a producer or processor needs, built at once: the pg pool (schema migrated), the
 * queues on the chosen backend, and the logger. Close it with `closePipelineContext`. A command
 * opens an `AppContext` (src/app) instead, whose queues open only when it uses them.
 */
export async function createPipelineContext(config: Readonly<Config>, options: PipelineContextOptions): Promise<PipelineContext> {
  const store = await openStore(config, options);
  try {
    return await withQueues(config, store, options);
  } catch (err) {
    await store.pool.end().catch(() => undefined);
    throw err;
  }
}

/** Closes the queues (workers finish or hand back their jobs first), then the pool. */
export async function closePipelineContext(ctx: PipelineContext): Promise<void> {
  await ctx.queues.close();
  await ctx.pool.end();
}
