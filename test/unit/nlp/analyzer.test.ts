import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { Analyzer, SentimentClassifier } from '../../../src/nlp/index.ts';

let analyzer: Analyzer;
const rules = (text: string) => analyzer.analyze(text).alerts.map((a) => a.rule);
const aspects = (text: string) => analyzer.analyze(text).aspects.map((a) => `${a.topic}/${a.polarity}`);

beforeAll(async () => {
  analyzer = await loadAnalyzer(loadConfig(), { mode: 'lexicon', logger: createLogger({ level: 'silent' }) });
});

describe('analyzer: the contract example', () => {
  it('splits praise for taste from a delivery pain point, and the clause after 就是 weighs more', () => {
    const a = analyzer.analyze('火锅底料味道很正宗，就是配送太慢了');
    expect(a.aspects).toEqual([
      { topic: 'product.taste', polarity: 'positive', evidence: '火锅底料味道很正宗' },
      { topic: 'delivery.timeliness', polarity: 'negative', evidence: '就是配送太慢了' },
    ]);
    expect(a.alerts).toEqual([{ rule: 'late_delivery', severity: 'medium', keyword: '太慢', evidence: '就是配送太慢了' }]);
    expect(a.sentiment.label).toBe('negative');
    expect(a.sentiment.score).toBeLessThan(0);
    expect(analyzer.analyze('配送太慢了，但是火锅底料味道很正宗').sentiment.label).toBe('positive');
  });
});

describe('analyzer: alerts are negation- and question-aware', () => {
  it.each(['一点都没变质', '没有迟到', '担心会不会化掉', '请问会不会变质', '包装没有破损', '我不会去投诉的', '鸭血一点异味都没有', '本来以为会压坏'])('%s raises nothing', (text) => {
    expect(rules(text)).toEqual([]);
  });

  it.each([
    ['不会再买??', 'churn_risk'],
    ['再也不买了', 'churn_risk'],
    ['毛肚一点也不新鲜', 'spoilage'],
    ['冷凍水餃已經化了', 'cold_chain_failure'],
    ['冷冻水饺已经化了', 'cold_chain_failure'],
    ['水饺里吃出头发', 'food_safety'],
    ['吃了以后拉肚子', 'food_safety'],
    ['生产日期一看已经过期了', 'expired'],
    ['要投诉到12315', 'escalation'],
    ['汤洒了一半', 'packaging_damage'],
    ['下单三天了还没发货', 'late_delivery'],
  ])('%s fires %s', (text, rule) => {
    expect(rules(text)).toContain(rule);
  });

  it('does not find keywords across word boundaries', () => {
    expect(rules('天气变化了很多')).toEqual([]);
    expect(rules('臭豆腐很好吃')).toEqual([]);
  });

  it('fires on the stated clause after a hypothetical one', () => {
    const a = analyzer.analyze('担心会不会化掉，结果真的化了');
    expect(a.alerts.map((h) => [h.rule, h.evidence])).toEqual([['cold_chain_failure', '结果真的化了']]);
  });

  it('gives the fixed default severities', () => {
    expect(analyzer.analyze('吃出虫子了，还拉肚子').alerts[0]).toMatchObject({ rule: 'food_safety', severity: 'critical' });
  });
});

describe('analyzer: sentiment', () => {
  it('scores negation, degree and emoji', () => {
    expect(analyzer.analyze('好吃').sentiment.label).toBe('positive');
    expect(analyzer.analyze('不好吃').sentiment.label).toBe('negative');
    expect(analyzer.analyze('非常好吃').sentiment.score).toBeGreaterThan(analyzer.analyze('有点好吃').sentiment.score);
    expect(analyzer.analyze('😋👍').sentiment.label).toBe('positive');
    expect(analyzer.analyze('😡🤮').sentiment.label).toBe('negative');
  });

  it('reads a negation that follows the word (一点腥味都没有)', () => {
    expect(analyzer.analyze('一点腥味都没有').sentiment.label).toBe('positive');
    expect(analyzer.analyze('有腥味').sentiment.label).toBe('negative');
  });

  it('scores internet slang', () => {
    expect(analyzer.analyze('这家毛肚yyds，绝了').sentiment.label).toBe('positive');
    expect(analyzer.analyze('又踩雷了，无语').sentiment.label).toBe('negative');
  });

  it('scores English words in mixed posts with AFINN', () => {
    expect(analyzer.analyze('毛肚 very good').sentiment.label).toBe('positive');
    expect(analyzer.analyze('毛肚 terrible').sentiment.label).toBe('negative');
  });

  it('keeps the label the sign of the score, 0 only where nothing points either way', () => {
    for (const text of ['火锅底料味道很正宗，就是配送太慢了', '今天下午收到了', '好吃', '太慢了']) {
      const s = analyzer.analyze(text).sentiment;
      expect(s.label).toBe(s.score > 0 ? 'positive' : s.score < 0 ? 'negative' : 'neutral');
      expect(Math.abs(s.score)).toBeLessThanOrEqual(1);
    }
    expect(analyzer.analyze('今天下午收到了').sentiment).toEqual({ label: 'neutral', score: 0 });
  });
});

describe('analyzer: topics', () => {
  it('tags co-occurrence topics where one word is not enough', () => {
    expect(aspects('袋子破了个洞')).toContain('product.packaging/negative');
  });

  it('prefers the longer keyword (漏发 is a missing item, not a leak)', () => {
    const tags = aspects('漏发了一袋毛肚');
    expect(tags).toContain('delivery.accuracy/negative');
    expect(tags.some((t) => t.startsWith('product.packaging'))).toBe(false);
  });

  it('tags Traditional text like Simplified', () => {
    expect(aspects('包裝很完整，冰袋也沒有化')).toEqual(aspects('包装很完整，冰袋也没有化'));
  });
});

describe('analyzer: edge input', () => {
  it('returns a neutral, empty analysis for empty text', () => {
    expect(analyzer.analyze('')).toEqual({ sentiment: { label: 'neutral', score: 0 }, aspects: [], alerts: [] });
    expect(analyzer.analyze('   \n ')).toEqual({ sentiment: { label: 'neutral', score: 0 }, aspects: [], alerts: [] });
  });

  it('analyzes the head of a 100 KB text, says it is truncated, and gives one aspect per topic and polarity', () => {
    const big = '火锅底料味道很正宗，就是配送太慢了。'.repeat(5700);
    const a = analyzer.analyze(big);
    expect(big.length).toBeGreaterThan(100_000);
    expect(a.truncated).toBe(true);
    expect(a.alerts.map((h) => h.rule)).toEqual(['late_delivery']);
    expect(a.aspects.map((x) => `${x.topic}:${x.polarity}`)).toEqual(['product.taste:positive', 'delivery.timeliness:negative']);
    expect(analyzer.analyze('火锅底料味道很正宗').truncated).toBeUndefined();
  });

  it('analyzes text holding replacement characters from invalid bytes', () => {
    const a = analyzer.analyze('味道\uFFFD很正宗\uFFFD');
    expect(a.sentiment.label).toBe('positive');
  });
});

describe('analyzer: batches and a classifier', () => {
  const classifier: SentimentClassifier = {
    name: 'always-positive',
    async scoreBatch(texts) {
      return texts.map(() => 0.9);
    },
  };

  it('batch results equal single results in lexicon mode', async () => {
    const texts = ['好吃', '太慢了', ''];
    expect(await analyzer.analyzeBatch(texts)).toEqual(texts.map((t) => analyzer.analyze(t)));
  });

  it('ensemble combines the scores; aspects keep their clause evidence', async () => {
    const { createAnalyzer } = await import('../../../src/nlp/index.ts');
    const { loadTopics, loadAlertRules, readLexicon } = await import('../../../src/analysis/index.ts');
    const { createTokenizer } = await import('../../../src/nlp/index.ts');
    const { resolveFromRoot } = await import('../../../src/config/index.ts');
    const base = {
      topics: loadTopics(resolveFromRoot('config/taxonomy.yaml')),
      alertRules: loadAlertRules(resolveFromRoot('config/alerts.yaml')),
      lexicon: readLexicon(resolveFromRoot('models/lexicon')),
      tokenizer: await createTokenizer('node-rs-jieba'),
      classifier,
    };
    const text = '味道一般，就是配送太慢了';
    const lexicon = analyzer.analyze(text);
    const [ensemble] = await createAnalyzer({ ...base, mode: 'ensemble', modelWeight: 0.5 }).analyzeBatch([text]);
    const [model] = await createAnalyzer({ ...base, mode: 'model' }).analyzeBatch([text]);
    expect(model!.sentiment).toEqual({ label: 'positive', score: 0.9 });
    expect(ensemble!.sentiment.score).toBeCloseTo((0.9 + lexicon.sentiment.score) / 2, 2);
    expect(ensemble!.aspects).toEqual(lexicon.aspects);
    expect(() => createAnalyzer({ ...base, classifier: undefined, mode: 'model' })).toThrow('needs a classifier');
  });

  it('a text that only asks stays neutral: the classifier is not asked about it', async () => {
    const { createAnalyzer, createTokenizer } = await import('../../../src/nlp/index.ts');
    const { loadTopics, loadAlertRules, readLexicon } = await import('../../../src/analysis/index.ts');
    const { resolveFromRoot } = await import('../../../src/config/index.ts');
    const asked: string[] = [];
    const gloomy: SentimentClassifier = {
      name: 'always-negative',
      async scoreBatch(texts) {
        asked.push(...texts);
        return texts.map(() => -0.9);
      },
    };
    const ensemble = createAnalyzer({
      topics: loadTopics(resolveFromRoot('config/taxonomy.yaml')),
      alertRules: loadAlertRules(resolveFromRoot('config/alerts.yaml')),
      lexicon: readLexicon(resolveFromRoot('models/lexicon')),
      tokenizer: await createTokenizer('node-rs-jieba'),
      classifier: gloomy,
      mode: 'ensemble',
    });
    const [question, complaint] = await ensemble.analyzeBatch(['请问路上会不会变质？需要加冰袋吗？', '路上化了，冰袋也没放']);
    expect(question!.sentiment).toEqual({ label: 'neutral', score: 0 });
    expect(complaint!.sentiment.label).toBe('negative');
    expect(asked).toEqual(['路上化了，冰袋也没放']);
  });
});
