import crypto from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createPool } from '../../src/store/pool.ts';
import { TEMPLATE_DATABASE } from './constants.ts';

/**
 * What integration tests use of the servers global-setup.ts started: a fresh migrated database per
 * test file (or per test), unique queue prefixes, the Redis URL, and both queue backends.
 */

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: pg.Pool;
  /** Closes the pool and drops the database (whoever is still connected). */
  drop(): Promise<void>;
}

/** A short random suffix: unique enough across one run, readable in logs. */
function randomId(): string {
  return crypto.randomBytes(5).toString('hex');
}

/** A queue-name prefix no other test uses (BullMQ state is keyed by it on both backends). */
export function uniquePrefix(label = 'test'): string {
  return `${label}-${randomId()}`;
}

export function redisUrl(): string {
  return inject('redisUrl');
}

export function postgresAdminUrl(): string {
  return inject('postgresAdminUrl');
}

function databaseUrl(name: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database with every migration applied, copied from the template (a file copy: milliseconds,
 * where migrating afresh would take far longer). Call `drop()` when done, or use `useTestDatabase`.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomId()}`;
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(TEMPLATE_DATABASE)}`));
  const url = databaseUrl(name);
  const pool = createPool(url, { max: 8, applicationName: 'painpoint-test' });
  let dropped = false;
  return {
    name,
    url,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/**
 * One database for the whole test file: created before its tests, dropped after. Read `.current`
 * inside tests and hooks.
 */
export function useTestDatabase(label = 'test'): { readonly current: TestDatabase } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(label);
  });
  afterAll(async () => {
    await db?.drop();
  });
  return {
    get current(): TestDatabase {
      if (!db) throw new Error('useTestDatabase: the database exists only inside tests and hooks');
      return db;
    },
  };
}

export interface BackendCase {
  readonly backend: 'redis' | 'postgres';
  /** Set for Redis; the Postgres backend uses the test database's own URL. */
  readonly redisUrl: string | undefined;
}

/** Run a suite on both queue backends: `describe.each(bothBackends())('… on $backend', ({ redisUrl }) => …)`. */
export function bothBackends(): BackendCase[] {
  return [
    { backend: 'redis', redisUrl: redisUrl() },
    { backend: 'postgres', redisUrl: undefined },
  ];
}
