import pg from 'pg';

const { Pool, types } = pg;

/**
 * Counts are bigint in the schema; as JS numbers they stay exact far beyond any tally we keep. Dates
 * stay 'YYYY-MM-DD' strings: a `date` turned into a local-midnight Date shifts a day across zones.
 * Set on our pools only, never on the global pg.types other code shares.
 */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === types.builtins.INT8) return (value: string) => Number(value);
    if (oid === types.builtins.NUMERIC) return (value: string) => Number(value);
    if (oid === types.builtins.DATE) return (value: string) => value;
    return types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** Tags the connections in pg_stat_activity. */
  applicationName?: string;
}

/** The pg pool every repository uses. */
export function createPool(databaseUrl: string, options: PoolOptions = {}): pg.Pool {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'painpoint',
    types: typeParsers,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that breaks (a Postgres restart) must not crash the process: the next query
  // gets a fresh connection, and a failing query surfaces in the job that ran it.
  pool.on('error', () => undefined);
  // The same for a connection that is checked out but between two statements of a transaction when
  // the server goes away: pg emits that as an 'error' event nobody listens to, which would end the
  // process. The transaction's next statement fails and its job is retried.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A pool or a client inside a transaction: what a repository function needs to run a query. */
export type Queryable = Pick<pg.Pool, 'query'>;

export type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
 * throws (the error is rethrown). The one place a transaction is opened by hand.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
