/**
 * Domain keywords of an alert rule fire on items of their domains only, and one that is off in a
 * domain does not hide a shorter keyword inside it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readLexicon } from '../../../src/analysis/index.ts';
import { resolveFromRoot } from '../../../src/config/index.ts';
import { createAnalyzer, createTokenizer, type AlertRule, type Analyzer, type Domain } from '../../../src/nlp/index.ts';

const rules: AlertRule[] = [
  {
    id: 'spoilage',
    severity: 'high',
    keywords: ['变质'],
    cooccur: [['饭', '馊']],
    domainKeywords: [{ domains: ['takeout', 'groceries'], keywords: ['坏了', '水果坏了'], cooccur: [['菜', '发黑']] }],
  },
  { id: 'product_defect', severity: 'low', keywords: ['坏了'], cooccur: [] },
];

let analyzer: Analyzer;
const fired = (text: string, domain: Domain) => analyzer.analyze(text, domain).alerts.map((a) => a.rule);

beforeAll(async () => {
  analyzer = createAnalyzer({ topics: [], alertRules: rules, lexicon: readLexicon(resolveFromRoot('models/lexicon')), tokenizer: await createTokenizer('node-rs-jieba') });
});

describe('domain keywords', () => {
  it('a domain keyword fires in its domains and not elsewhere; keywords for every domain fire everywhere', () => {
    expect(fired('苹果坏了', 'groceries')).toContain('spoilage');
    expect(fired('苹果坏了', 'takeout')).toContain('spoilage');
    expect(fired('苹果坏了', 'goods')).not.toContain('spoilage');
    expect(fired('苹果坏了', 'general')).not.toContain('spoilage');
    for (const domain of ['goods', 'takeout'] as const) expect(fired('牛奶变质', domain)).toEqual(['spoilage']);
  });

  it('a domain co-occurrence group likewise; the rule\'s own groups fire everywhere', () => {
    expect(fired('这个菜都发黑了', 'takeout')).toEqual(['spoilage']);
    expect(fired('这个菜都发黑了', 'retail')).toEqual([]);
    expect(fired('饭都馊了', 'retail')).toEqual(['spoilage']);
  });

  it('the same word of another rule is not switched off with it, and is not hidden by a longer domain keyword', () => {
    expect(fired('手机坏了', 'goods')).toEqual(['product_defect']);
    expect(fired('家里水果坏了', 'goods')).toEqual(['product_defect']);
    // Where it is on, the longer keyword is the one meant, as everywhere (漏 inside 漏发).
    expect(fired('家里水果坏了', 'groceries')).toEqual(['spoilage']);
  });

  it('negation and questions still hold for a domain keyword', () => {
    expect(fired('苹果没坏了', 'groceries')).not.toContain('spoilage');
    expect(fired('苹果会不会坏了？', 'groceries')).toEqual([]);
  });
});
