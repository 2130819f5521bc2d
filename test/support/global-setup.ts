import type { TestProject } from 'vitest/node';
import { ensureDatabase } from '../../src/services/embedded-postgres.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { createPool } from '../../src/store/pool.ts';
import { migrate } from '../../src/store/migrate.ts';
import { TEMPLATE_DATABASE } from './constants.ts';

/**
 * Starts ONE Postgres and ONE redis-server for the whole integration run, each on a free port in a
 * temp directory, and a migrated template database that each test database is copied from.
 * Tests read the URLs with `inject` (see services.ts). Everything is stopped and removed at the end
 * (and by a watchdog if this process dies first: see startThrowawayServices).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startThrowawayServices({ redis: true });
  try {
    await ensureDatabase(services.adminUrl, TEMPLATE_DATABASE);
    const templateUrl = new URL(services.adminUrl);
    templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
    const pool = createPool(templateUrl.toString(), { max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
    project.provide('postgresAdminUrl', services.adminUrl);
    project.provide('redisUrl', services.redisUrl!);
    project.provide('servicesRoot', services.root);
    return services.stop;
  } catch (err) {
    await services.stop();
    throw err;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    redisUrl: string;
    servicesRoot: string;
  }
}
