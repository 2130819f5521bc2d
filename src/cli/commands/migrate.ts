import type { Command } from 'commander';
import { resolveServices } from '../../services/index.ts';
import { appliedMigrations, listMigrations, migrate } from '../../store/migrate.ts';
import { createPool } from '../../store/pool.ts';
import type { DeclareCommand } from '../command.ts';

/**
 * `painpoint migrate`: applies the numbered SQL migrations (tables and analyst views). Every command
 * that needs the database does this by itself; this command is for deployments that migrate as a
 * separate step, and for `--list`.
 */
export const declareMigrate: DeclareCommand = (program: Command, run) => {
  program
    .command('migrate')
    .description('Create or update the database tables and views (idempotent; uses DATABASE_URL or the embedded Postgres)')
    .option('--list', 'list the migrations and which are applied, change nothing')
    .action(async (opts: { list?: boolean }) => {
      const config = run.config();
      const { databaseUrl } = await resolveServices(config, { start: true });
      const pool = createPool(databaseUrl, { max: 1 });
      try {
        if (opts.list) {
          const applied = await appliedMigrations(pool);
          for (const m of listMigrations()) {
            const at = applied.get(m.version);
            process.stdout.write(`${String(m.version).padStart(3, '0')}_${m.name}  ${at ? `applied ${at.toISOString()}` : 'pending'}\n`);
          }
        } else {
          const result = await migrate(pool);
          for (const m of result.applied) process.stdout.write(`applied ${String(m.version).padStart(3, '0')}_${m.name}\n`);
          for (const m of result.changed) process.stderr.write(`painpoint: ${m.file} changed after it was applied here; this database does not have the change\n`);
          process.stdout.write(result.applied.length ? `database at version ${result.current}\n` : `database up to date (version ${result.current})\n`);
        }
        run.setExitCode(0);
      } finally {
        await pool.end();
      }
    });
};
