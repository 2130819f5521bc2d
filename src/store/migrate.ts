import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { resolveFromRoot } from '../config/paths.ts';
import { PainpointError } from '../errors/index.ts';

/** Numbered SQL files, `NNN_name.sql`, applied in order, each once, each in its own transaction. */
export const MIGRATIONS_DIR = resolveFromRoot('src/store/migrations');

/** Key of the session advisory lock that keeps two starting processes from migrating at once. */
const MIGRATION_LOCK_KEY = 0x7061696e; // 'pain'

export interface Migration {
  version: number;
  name: string;
  file: string;
  checksum: string;
}

export interface MigrationResult {
  applied: Migration[];
  /** Applied earlier, but the file differs now: a database made before an edit lacks the edit. */
  changed: Migration[];
  current: number;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const entry of fs.readdirSync(dir).sort()) {
    const match = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(entry);
    if (!match) continue;
    const file = path.join(dir, entry);
    const checksum = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    migrations.push({ version: Number(match[1]), name: match[2]!, file, checksum });
  }
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new PainpointError('MIGRATION_INVALID', `${dir}: two migrations are numbered ${String(m.version).padStart(3, '0')}`);
    seen.add(m.version);
  }
  return migrations;
}

/** When each migration was applied here (none before the first `migrate`). */
export async function appliedMigrations(pool: pg.Pool): Promise<Map<number, Date>> {
  try {
    const { rows } = await pool.query<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM schema_migrations');
    return new Map(rows.map((row) => [row.version, row.applied_at]));
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return new Map(); // no schema_migrations table yet
    throw err;
  }
}

/**
 * Brings the database up to the newest migration. Idempotent: an up-to-date database costs one
 * query after the lock. Concurrent callers queue on the advisory lock and then find nothing to do.
 */
export async function migrate(pool: pg.Pool, options: { dir?: string } = {}): Promise<MigrationResult> {
  const migrations = listMigrations(options.dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
        checksum    text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Map(
        (await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')).rows.map((r) => [r.version, r.checksum]),
      );
      const applied: Migration[] = [];
      const changed = migrations.filter((m) => done.has(m.version) && done.get(m.version) !== m.checksum);
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await applyOne(client, m);
        applied.push(m);
      }
      const current = migrations.reduce((max, m) => Math.max(max, m.version), 0);
      return { applied, changed, current };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function applyOne(client: pg.PoolClient, m: Migration): Promise<void> {
  const sql = fs.readFileSync(m.file, 'utf8');
  await client.query('BEGIN');
  try {
    await client.query(sql);
    await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    const e = err as { message: string; position?: string };
    throw new PainpointError('MIGRATION_FAILED', `${m.file}: ${e.message}${e.position ? ` (at character ${e.position})` : ''}`, { cause: err });
  }
}
