import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../../src/store/migrate.ts';
import { createTestDatabase, useTestDatabase } from '../../support/services.ts';

describe('migrations', () => {
  const db = useTestDatabase('migrate');

  it('leaves a test database with every table and migration recorded', async () => {
    const tables = await db.current.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    const names = tables.rows.map((r) => r.table_name);
    for (const t of ['feedback', 'feedback_aspects', 'pain_point_tallies', 'feedback_daily', 'alerts', 'rejected_items', 'schema_migrations']) {
      expect(names).toContain(t);
    }
    const versions = await db.current.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it('is idempotent: a second run applies nothing', async () => {
    const result = await migrate(db.current.pool);
    expect(result.applied).toEqual([]);
    expect(result.changed).toEqual([]);
  });

  it('reports a migration whose file changed after it was applied', async () => {
    const fresh = await createTestDatabase('migrate_changed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-migrations-'));
    try {
      await fresh.pool.query('DROP TABLE schema_migrations');
      fs.writeFileSync(path.join(dir, '001_first.sql'), 'CREATE TABLE edited (id int);');
      await migrate(fresh.pool, { dir });
      fs.writeFileSync(path.join(dir, '001_first.sql'), 'CREATE TABLE edited (id int, added text);');
      const again = await migrate(fresh.pool, { dir });
      expect(again.applied).toEqual([]);
      expect(again.changed.map((m) => m.name)).toEqual(['first']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await fresh.drop();
    }
  });

  it('applies each file once when several processes start at the same moment', async () => {
    const fresh = await createTestDatabase('migrate_race');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-migrations-'));
    try {
      await fresh.pool.query('DROP TABLE schema_migrations');
      fs.writeFileSync(path.join(dir, '001_first.sql'), 'CREATE TABLE race_one (id int);');
      fs.writeFileSync(path.join(dir, '002_second.sql'), 'CREATE TABLE race_two (id int);');
      const results = await Promise.all([1, 2, 3, 4].map(() => migrate(fresh.pool, { dir })));
      // CREATE TABLE without IF NOT EXISTS fails on a second run: any double application would throw.
      expect(results.flatMap((r) => r.applied.map((m) => m.version)).sort()).toEqual([1, 2]);
      expect(results.map((r) => r.current)).toEqual([2, 2, 2, 2]);
      const count = await fresh.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(count.rows[0]!.n).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await fresh.drop();
    }
  });

  it('rolls a failing migration back and names its file', async () => {
    const fresh = await createTestDatabase('migrate_fail');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-migrations-'));
    try {
      await fresh.pool.query('DROP TABLE schema_migrations');
      fs.writeFileSync(path.join(dir, '001_ok.sql'), 'CREATE TABLE fine_table (id int);');
      fs.writeFileSync(path.join(dir, '002_broken.sql'), 'CREATE TABLE half_made (id int);\nSELEC nonsense;');
      await expect(migrate(fresh.pool, { dir })).rejects.toThrow(/002_broken\.sql: syntax error/);
      const made = await fresh.pool.query("SELECT to_regclass('fine_table') AS ok, to_regclass('half_made') AS half");
      expect(made.rows[0]).toEqual({ ok: 'fine_table', half: null });
      const recorded = await fresh.pool.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(recorded.rows.map((r) => r.version)).toEqual([1]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await fresh.drop();
    }
  });
});
