import crypto from 'node:crypto';
import type pg from 'pg';
import { hostWait, releaseHost, takeHost } from '../../store/crawl-host-slots-repository.ts';

/** Ends one request's hold on its host: call it once the answer has come (or the request failed). */
export type HostRelease = () => Promise<void>;

/**
 * At most `rate` requests per second to one host, one at a time, held across concurrent jobs and
 * worker processes. A request takes the host, is sent, and lets go when its answer arrives; the
 * next request to that host starts no sooner than 1/rate seconds after that answer. Counting from
 * the answer rather than from when a request was scheduled keeps the spacing true at the site
 * itself, even when a loaded machine delays a request between "go" and the wire.
 */
export interface HostRateLimiter {
  acquire(host: string, ratePerSecond: number, options?: { leaseMs?: number }): Promise<HostRelease>;
}

const NOTHING_HELD: HostRelease = async () => undefined;

/** The limiter on Postgres, the one store every worker shares whatever the queue backend. */
export function postgresRateLimiter(pool: Pick<pg.Pool, 'query'>): HostRateLimiter {
  return {
    async acquire(host, ratePerSecond, options = {}) {
      if (!(ratePerSecond > 0)) return NOTHING_HELD;
      const interval = 1 / ratePerSecond;
      // A holder whose process died is taken over when its lease runs out.
      const leaseSeconds = (options.leaseMs ?? 60_000) / 1000;
      const holder = `${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
      while (!(await takeHost(pool, host, holder, leaseSeconds))) {
        const { waitMs, held } = await hostWait(pool, host);
        // A holder lets go when its answer comes, which is soon: look again shortly. Otherwise the
        // wait is known to the millisecond.
        await sleep(held ? Math.min(waitMs, 20) : Math.max(waitMs, 1));
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await releaseHost(pool, host, holder, interval);
      };
    },
  };
}

/** For local fixture runs that must measure the crawler itself (`rate: 0` does the same). */
export const UNLIMITED: HostRateLimiter = { acquire: async () => NOTHING_HELD };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
