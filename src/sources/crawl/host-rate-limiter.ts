import type pg from 'pg';
import { reserveHostSlot } from '../../store/crawl-host-slots-repository.ts';

/**
 * Spaces requests to one host at most `rate` per second. The Postgres limiter keeps its slots in
 * a table every worker shares, so the limit holds across concurrent jobs and processes whether the
 * queues run on Redis or on Postgres. Each request reserves the next free slot (one interval after
 * the previous reservation) under a row lock, then sleeps until it.
 */
export interface HostRateLimiter {
  acquire(host: string, ratePerSecond: number): Promise<void>;
}

export function postgresRateLimiter(pool: Pick<pg.Pool, 'query'>): HostRateLimiter {
  return {
    async acquire(host, ratePerSecond) {
      if (!(ratePerSecond > 0)) return;
      const waitMs = await reserveHostSlot(pool, host, 1 / ratePerSecond);
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    },
  };
}

/** For local fixture runs that must measure the crawler itself (`rate: 0` does the same). */
export const UNLIMITED: HostRateLimiter = { acquire: async () => undefined };
