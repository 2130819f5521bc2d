import { afterAll, describe, expect, it } from 'vitest';
import { postgresRateLimiter } from '../../src/sources/crawl/index.ts';
import { createPool } from '../../src/store/pool.ts';
import { useTestDatabase } from '../support/services.ts';
import { maxInWindow } from './crawl-support.ts';

/**
 * The per-host limiter on its own: callers on separate connection pools (as separate worker
 * processes would be) share one schedule of slots in Postgres.
 */
describe('postgres host rate limiter', () => {
  const db = useTestDatabase('rate');
  const pools: ReturnType<typeof createPool>[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });

  it('spaces requests to one host across pools, and keeps hosts apart', async () => {
    for (let i = 0; i < 3; i++) pools.push(createPool(db.current.url, { max: 4 }));
    const rate = 10;
    const times: number[] = [];
    const otherHost: number[] = [];
    const t0 = performance.now();
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => postgresRateLimiter(pools[i % 3]!).acquire('shop.example:443', rate).then(() => times.push(performance.now() - t0))),
      ...Array.from({ length: 3 }, () => postgresRateLimiter(pools[0]!).acquire('forum.example:443', rate).then(() => otherHost.push(performance.now() - t0))),
    ]);
    // 20 requests at 10/s: the last may start no earlier than 19 intervals after the first.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(19 * (1000 / rate) - 30);
    // Timers fire a little late on a loaded machine: windows allow 60 ms of that.
    expect(maxInWindow(times, 1000 - 60)).toBeLessThanOrEqual(rate);
    // Another host has its own slots: its three requests do not queue behind the first host's 20.
    expect(Math.max(...otherHost)).toBeLessThan(500);
  });
});
