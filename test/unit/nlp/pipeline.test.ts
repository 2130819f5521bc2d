/** The component pipeline: built from names, order checked when built, one path for one text and a batch. */
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/errors/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { createPipeline, DEFAULT_PIPELINE, PipelineError, type Component } from '../../../src/nlp/index.ts';
import { capText, forNormalizedText } from '../../../src/nlp/components/text.ts';

const component = (name: string, requires: Component['requires'], assigns: Component['assigns'], run: Component['run'] = () => {}): Component => ({ name, requires, assigns, run });

const available = new Map<string, Component>([
  ['normalize', component('normalize', [], ['text'], (d) => void (d.text = d.raw.trim()))],
  ['tokenize', component('tokenize', ['text'], ['tokens'], (d) => void (d.tokens = [...d.text].map((word, start) => ({ word, start }))))],
  ['count', component('count', ['tokens'], ['sentiment'], (d) => void (d.sentiment = { label: 'neutral', score: d.tokens.length }))],
]);

describe('createPipeline', () => {
  it('runs the components in the configured order, one text or a batch alike', async () => {
    const p = createPipeline(['normalize', 'tokenize', 'count'], available);
    expect(p.run(' 好吃 ').sentiment.score).toBe(2);
    expect((await p.runBatch([' 好吃 ', '太慢了'])).map((d) => d.sentiment.score)).toEqual([2, 3]);
  });

  it('refuses a component placed before what it requires, naming what to move', () => {
    expect(() => createPipeline(['tokenize', 'normalize'], available)).toThrow(PipelineError);
    expect(() => createPipeline(['tokenize', 'normalize'], available)).toThrow('"tokenize" requires text, which no component before it assigns (put "normalize" before "tokenize")');
  });

  it('refuses an unknown or repeated component, listing the known ones', () => {
    expect(() => createPipeline(['normalize', 'spell_check'], available)).toThrow('unknown component "spell_check" (known: normalize, tokenize, count)');
    expect(() => createPipeline(['normalize', 'normalize'], available)).toThrow('"normalize" is listed twice');
  });

  it('runs a batched component only on batches', async () => {
    const batched: Component = { name: 'model', requires: ['text'], assigns: ['sentiment'], runBatch: async (docs) => docs.forEach((d) => void (d.sentiment = { label: 'positive', score: 1 })) };
    const p = createPipeline(['normalize', 'model'], new Map([...available, ['model', batched]]));
    expect(p.run('好').sentiment.score).toBe(0);
    expect((await p.runBatch(['好']))[0]!.sentiment.score).toBe(1);
  });
});

describe('the configured pipeline', () => {
  it('is the default order, and a misordered nlp.pipeline fails at load with the key named', async () => {
    const logger = createLogger({ level: 'silent' });
    const analyzer = await loadAnalyzer(loadConfig(), { mode: 'lexicon', logger });
    expect(analyzer.pipeline.components.map((c) => c.name)).toEqual([...DEFAULT_PIPELINE]);
    const misordered = ['normalize', 'tokenize', 'alerts', 'clauses', 'clause_sentiment', 'keywords'];
    await expect(loadAnalyzer(loadConfig(), { mode: 'lexicon', pipeline: misordered, logger })).rejects.toThrow(ConfigError);
    await expect(loadAnalyzer(loadConfig(), { mode: 'lexicon', pipeline: misordered, logger })).rejects.toThrow(/nlp\.pipeline: "alerts" requires clauses/);
  });
});

describe('the length cap', () => {
  it('cuts at the last clause break of the final fifth, else at the cap, never inside a surrogate pair', () => {
    expect(capText('好吃'.repeat(10), 100)).toBe('好吃'.repeat(10));
    const text = '味道很好，'.repeat(40);
    const cut = capText(text, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith('，')).toBe(true);
    expect(capText('a'.repeat(99) + '😀' + 'b', 100)).toBe('a'.repeat(99));
  });

  it('keeps one review of 1.75M characters linear: the analysis of its head, marked truncated', async () => {
    const analyzer = await loadAnalyzer(loadConfig(), { mode: 'lexicon', logger: createLogger({ level: 'silent' }) });
    const huge = '太慢了'.repeat(600_000);
    const started = performance.now();
    const a = analyzer.analyze(huge);
    // 400k characters of this took 20.9 s before the fix; the cap bounds it far below a second.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(a.truncated).toBe(true);
    expect(a.alerts.map((x) => x.rule)).toEqual(['late_delivery']);
  });
});

describe('the pipeline for text normalized before (the worker after ingest)', () => {
  it('takes the text as it comes instead of normalizing it a second time', async () => {
    const config = loadConfig({ configFile: '', overrides: { nlp: { sentiment: 'lexicon' } }, env: {} });
    const logger = createLogger({ level: 'silent' });
    const pipeline = forNormalizedText(config.nlp.pipeline);
    expect(pipeline[0]).toBe('normalized');
    const once = await loadAnalyzer(config, { mode: 'lexicon', pipeline, logger });
    const twice = await loadAnalyzer(config, { mode: 'lexicon', logger });
    // What ingest stores for a review that wrote `&amp;lt;` (an escaped entity) is `&lt;`: decoding
    // it again would quote `<` as evidence of a text that does not hold it.
    const stored = '包装破了 &lt;差评&gt;';
    expect(once.analyzeDoc(stored).text).toBe(stored);
    expect(twice.analyzeDoc(stored).text).not.toBe(stored);
    // Text that normalizing leaves alone is analysed alike either way.
    const plain = '味道很正宗，就是配送太慢了';
    expect(once.analyze(plain)).toEqual(twice.analyze(plain));
  });
});
