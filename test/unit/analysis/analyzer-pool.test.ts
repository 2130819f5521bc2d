import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { startAnalyzerPool } from '../../../src/analysis/analyzer-pool.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { PainpointError } from '../../../src/errors/index.ts';
import { createLogger } from '../../../src/log/logger.ts';

const config = loadConfig({ configFile: '', overrides: { nlp: { sentiment: 'lexicon' } }, env: {} });
const TEXTS = ['冷冻水饺已经化了，有异味', '味道很正宗，就是配送太慢了', '客服态度很好', '一点都没变质', '再也不买了'];

describe('startAnalyzerPool', () => {
  it('spreads batches sent together over its threads, each call answered with its own batch', async () => {
    const local = await loadAnalyzer(config, { logger: createLogger({ level: 'silent' }) });
    const pool = await startAnalyzerPool(config, { threads: 2 });
    try {
      // Batches of different sizes, so that a reply given to the wrong call could not pass.
      const batches = Array.from({ length: 24 }, (_, i) => TEXTS.slice(i % TEXTS.length).concat(TEXTS.slice(0, i % 3)));
      const got = await Promise.all(batches.map((b) => pool.analyzeBatch(b)));
      expect(got).toEqual(await Promise.all(batches.map((b) => local.analyzeBatch(b))));
      // By now both threads have loaded (the pool answers as soon as the first one has).
      await expect.poll(() => pool.size, { timeout: 15_000 }).toBe(2);
    } finally {
      await pool.close();
    }
    const after = await pool.analyzeBatch(TEXTS).catch((e: unknown) => e);
    expect(after).toMatchObject({ code: 'ANALYZER_THREAD', retryable: true });
    // Each thread loads the dictionary and the sources on its own: slow on a busy machine.
  }, 60_000);

  it('ends the threads still loading when closed, without waiting for them to load', async () => {
    const t0 = performance.now();
    const pool = await startAnalyzerPool(config, { threads: 2 });
    const firstLoad = performance.now() - t0;
    // The second thread starts only now that the first is ready: it cannot have loaded yet.
    expect(pool.size).toBe(1);
    const t1 = performance.now();
    await pool.close();
    expect(performance.now() - t1).toBeLessThan(firstLoad / 2);
  }, 60_000);

  it('rejects with the config error when no thread can load, and refuses a thread count below 1', async () => {
    const broken = loadConfig({ configFile: '', overrides: { nlp: { sentiment: 'lexicon', userDictionary: 'models/no-such-dict.txt' } }, env: {} });
    const err = await startAnalyzerPool(broken, { threads: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PainpointError);
    expect((err as PainpointError).code).toBe('CONFIG_INVALID');
    expect((err as Error).message).toContain('no-such-dict.txt');
    await expect(startAnalyzerPool(config, { threads: 0 })).rejects.toThrow(/whole number ≥ 1/);
  }, 60_000);
});
