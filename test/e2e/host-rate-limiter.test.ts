import { afterAll, describe, expect, it } from 'vitest';
import { postgresRateLimiter } from '../../src/sources/crawl/index.ts';
import { createPool } from '../../src/store/pool.ts';
import { useTestDatabase } from '../support/services.ts';

/**
 * The per-host limiter on its own, with callers on separate connection pools as separate worker
 * processes would be: one request at a time per host, the next one interval after the previous
 * answer, a dead holder's lease taken over, and hosts independent. (The fixture-site crawl test
 * shows the rate from the site's side.)
 */
describe('per-host rate limiter in Postgres', () => {
  const db = useTestDatabase('rate');
  const pools: ReturnType<typeof createPool>[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('lets one request at a time through per host, one interval after the previous answer, across pools', async () => {
    for (let i = 0; i < 3; i++) pools.push(createPool(db.current.url, { max: 4 }));
    const rate = 20;
    const holds: { start: number; end: number }[] = [];
    const request = async (pool: (typeof pools)[number], host: string) => {
      const release = await postgresRateLimiter(pool).acquire(host, rate);
      const start = performance.now();
      await sleep(5 + Math.random() * 15); // the request, until its answer
      const end = performance.now();
      await release();
      return { start, end };
    };
    const t0 = performance.now();
    const [shop, forum] = await Promise.all([
      Promise.all(Array.from({ length: 12 }, (_, i) => request(pools[i % 3]!, 'shop.example:443'))),
      Promise.all(Array.from({ length: 2 }, (_, i) => request(pools[i]!, 'forum.example:443'))),
    ]);
    holds.push(...shop.sort((a, b) => a.start - b.start));
    for (let k = 1; k < holds.length; k++) {
      // Never two at once, and a full interval (50 ms) from one answer to the next request.
      expect(holds[k]!.start - holds[k - 1]!.end).toBeGreaterThanOrEqual(1000 / rate - 2);
    }
    // The other host's requests did not queue behind the first host's twelve.
    expect(Math.max(...forum.map((h) => h.end)) - t0).toBeLessThan(holds[4]!.start - t0);
  });

  it('takes over a host whose holder died once its lease runs out', async () => {
    const limiter = postgresRateLimiter(db.current.pool);
    await limiter.acquire('gone.example', 100, { leaseMs: 400 }); // never released: its process "died"
    const t0 = performance.now();
    const release = await limiter.acquire('gone.example', 100);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(350);
    await release();
  });

  it('lets rate 0 through without waiting', async () => {
    const limiter = postgresRateLimiter(db.current.pool);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire('local.test', 0)));
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
