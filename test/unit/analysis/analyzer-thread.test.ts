import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { startAnalyzerThread } from '../../../src/analysis/analyzer-thread.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { PainpointError } from '../../../src/errors/index.ts';
import { createLogger } from '../../../src/log/logger.ts';

const config = loadConfig({ configFile: '', overrides: { nlp: { sentiment: 'lexicon' } }, env: {} });
const TEXTS = ['冷冻水饺已经化了，有异味', '味道很正宗，就是配送太慢了', '客服态度很好'];

describe('startAnalyzerThread', () => {
  it('answers batches, sent together, with what the analyzer gives on the main thread', async () => {
    const local = await loadAnalyzer(config, { logger: createLogger({ level: 'silent' }) });
    const thread = await startAnalyzerThread(config);
    try {
      const [a, b, empty] = await Promise.all([thread.analyzeBatch(TEXTS), thread.analyzeBatch(TEXTS.slice(1)), thread.analyzeBatch([])]);
      expect(a).toEqual(await local.analyzeBatch(TEXTS));
      expect(b).toEqual(await local.analyzeBatch(TEXTS.slice(1)));
      expect(empty).toEqual([]);
      expect(a[0]!.alerts.map((h) => h.rule)).toContain('spoilage');
      // The same analyses as JSON text written on the thread: what JSON.stringify gives them here.
      expect(await thread.analyzeBatchJson(TEXTS)).toEqual((await local.analyzeBatch(TEXTS)).map((x) => JSON.stringify(x)));
    } finally {
      await thread.close();
    }
  });

  it('rejects at start with the config error naming the missing file, and fails batches as retryable once closed', async () => {
    const broken = loadConfig({ configFile: '', overrides: { nlp: { sentiment: 'lexicon', userDictionary: 'models/no-such-dict.txt' } }, env: {} });
    const err = await startAnalyzerThread(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PainpointError);
    expect((err as PainpointError).code).toBe('CONFIG_INVALID');
    expect((err as Error).message).toContain('no-such-dict.txt');

    const thread = await startAnalyzerThread(config);
    await thread.close();
    const after = await thread.analyzeBatch(TEXTS).catch((e: unknown) => e);
    expect(after).toMatchObject({ code: 'ANALYZER_THREAD', retryable: true });
  });

  it('gives up on a thread still loading when its signal is aborted', async () => {
    const abort = new AbortController();
    const starting = startAnalyzerThread(config, {}, abort.signal);
    abort.abort();
    await expect(starting).rejects.toMatchObject({ code: 'ANALYZER_THREAD', retryable: true, message: expect.stringContaining('closed while loading') });
    await expect(startAnalyzerThread(config, {}, abort.signal)).rejects.toMatchObject({ code: 'ANALYZER_THREAD' });
  });
});
