import type pg from 'pg';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/logger.ts';
import { openStore, withQueues } from '../pipeline/connection.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { resolveServices } from '../services/index.ts';

/**
 * What a command runs with: its config, the store and the logger, and the pipeline's queues
 * behind `pipeline()`, opened at the first call. Reading alerts, cases or reports never connects
 * to the queues (on Redis, not at all; on Postgres, no queue pool and no BullMQ migration).
 */
export interface AppContext {
  readonly config: Readonly<Config>;
  readonly pool: pg.Pool;
  readonly logger: Logger;
  /** The pipeline context: the queues connected (BullMQ's schema migrated on Postgres) at the first call, the same one after. */
  pipeline(): Promise<PipelineContext>;
  /** Closes the queues if they were opened (their workers finish or hand back their jobs first), then the pool. */
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Start the embedded Postgres when DATABASE_URL is unset and none runs (false: use a running one or fail). */
  start: boolean;
  /** Connections of the painpoint pool (default 10). */
  poolSize?: number | undefined;
  /** Tags the pool's connections in pg_stat_activity (default painpoint). */
  applicationName?: string | undefined;
}

/**
 * A command's way in: finds the database and queues (environment, running local services, or an
 * embedded Postgres started now when `start`), opens the store and migrates it. Close it with `close()`.
 */
export async function openApp(config: Readonly<Config>, options: OpenAppOptions): Promise<AppContext> {
  const services = await resolveServices(config, { start: options.start });
  const store = await openStore(config, { databaseUrl: services.databaseUrl, poolSize: options.poolSize, applicationName: options.applicationName });
  let opened: Promise<PipelineContext> | undefined;
  let closing: Promise<void> | undefined;
  return {
    config,
    pool: store.pool,
    logger: store.logger,
    pipeline() {
      if (closing) return Promise.reject(new Error('the application context is closed'));
      opened ??= withQueues(config, store, services);
      return opened;
    },
    close() {
      closing ??= (async () => {
        if (opened) await opened.then((ctx) => ctx.queues.close(), () => undefined);
        await store.pool.end();
      })();
      return closing;
    },
  };
}
