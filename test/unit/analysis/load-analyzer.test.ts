import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlertRules, loadAnalyzer, loadTopics, readLexicon } from '../../../src/analysis/index.ts';
import { loadConfig, resolveFromRoot } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/errors/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { ALERT_RULE_SEVERITY, TOPIC_IDS } from '../../../src/nlp/index.ts';
import { DELIVERY_WORD_LIST } from '../../../src/nlp/domains.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-load-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};

describe('bundled NLP assets', () => {
  it('the taxonomy holds the 21 topics and the alert rules the 8 rules with their default severities', () => {
    expect(loadTopics(resolveFromRoot('config/taxonomy.yaml')).map((t) => t.id)).toEqual([...TOPIC_IDS]);
    const rules = loadAlertRules(resolveFromRoot('config/alerts.yaml'));
    expect(Object.fromEntries(rules.map((r) => [r.id, r.severity]))).toEqual(ALERT_RULE_SEVERITY);
  });

  it('the delivery marker list finds every delivery word the aspects read, but a bare 送 (a gift, by parcel) and 星期 (a span of use)', () => {
    const guard = loadAlertRules(resolveFromRoot('config/alerts.yaml'))
      .find((r) => r.id === 'late_delivery')!
      .guards!.find((g) => g.kind === 'lacks_words')!;
    const words = 'words' in guard ? guard.words : [];
    const missed = DELIVERY_WORD_LIST.filter((w) => !words.some((m) => w.includes(m)));
    expect(missed).toEqual(['送', '星期']);
  });

  it('the lexicon is broad, with weights in -5 … +5', () => {
    const lexicon = readLexicon(resolveFromRoot('models/lexicon'));
    expect(lexicon.words.size).toBeGreaterThan(500);
    for (const w of ['绝了', '踩雷', '拔草', '种草', 'yyds', '无语', '😋', '👍', '😡', '🤮', '变质', '冷链', '准时']) expect(lexicon.words.has(w), w).toBe(true);
    for (const weight of lexicon.words.values()) expect(Math.abs(weight)).toBeLessThanOrEqual(5);
    expect(lexicon.contrast.get('就是')).toEqual({ initialOnly: true });
    expect(lexicon.negators.has('没有')).toBe(true);
  });
});

describe('config errors name the file and the key', () => {
  it('a missing topic', () => {
    const file = write('taxonomy.yaml', 'topics:\n  product.quality:\n    keywords: [质量]\n');
    expect(() => loadTopics(file)).toThrow(ConfigError);
    expect(() => loadTopics(file)).toThrow(new RegExp(`${file}: topics\\.product\\.freshness`));
  });

  it('an unknown severity and an empty rule', () => {
    const rules = Object.keys(ALERT_RULE_SEVERITY).map((id) => `  ${id}:\n    keywords: [x]`).join('\n');
    const bad = write('alerts.yaml', `rules:\n${rules.replace('  spoilage:\n    keywords: [x]', '  spoilage:\n    severity: urgent\n    keywords: [x]')}\n`);
    expect(() => loadAlertRules(bad)).toThrow(new RegExp(`${bad}: rules\\.spoilage\\.severity`));
    const empty = write('alerts2.yaml', `rules:\n${rules}\n  my_rule:\n    keywords: [y]\n`);
    expect(() => loadAlertRules(empty)).toThrow(/rules\.my_rule\.severity: a rule of your own needs a severity/);
  });

  it('a rule kind that does not exist, a pattern missing its field, a guard of an unknown kind, a domain guard without domains, an unknown domain', () => {
    const rules = Object.keys(ALERT_RULE_SEVERITY).map((id) => `  ${id}:\n    keywords: [x]`).join('\n');
    const withPattern = (yaml: string) => rules.replace('  spoilage:\n    keywords: [x]', `  spoilage:\n    keywords: [x]\n${yaml}`);
    const unknown = write('kinds1.yaml', `rules:\n${withPattern('    patterns:\n      - kind: regex\n        pattern: 坏')}\n`);
    expect(() => loadAlertRules(unknown)).toThrow(new RegExp(`${unknown}: rules\\.spoilage\\.patterns\\.0\\.kind`));
    const missing = write('kinds2.yaml', `rules:\n${withPattern('    patterns:\n      - kind: sequence\n        maxGap: 3')}\n`);
    expect(() => loadAlertRules(missing)).toThrow(new RegExp(`${missing}: rules\\.spoilage\\.patterns\\.0\\.terms`));
    const guard = write('kinds3.yaml', `rules:\n${withPattern('    guards:\n      - kind: weather')}\n`);
    expect(() => loadAlertRules(guard)).toThrow(new RegExp(`${guard}: rules\\.spoilage\\.guards\\.0\\.kind`));
    const domainless = write('kinds5.yaml', `rules:\n${withPattern('    guards:\n      - kind: domain')}\n`);
    expect(() => loadAlertRules(domainless)).toThrow(new RegExp(`${domainless}: rules\\.spoilage\\.guards\\.0\\.domains`));
    const misspelt = write('kinds6.yaml', `rules:\n${withPattern('    patterns:\n      - kind: sequence\n        terms: [[a], [b]]\n        domains: [food]')}\n`);
    expect(() => loadAlertRules(misspelt)).toThrow(new RegExp(`${misspelt}: rules\\.spoilage\\.patterns\\.0\\.domains\\.0`));
  });

  it('a guard naming a marker list that does not exist or is empty, or neither words nor a list; a list it names is its words', () => {
    const rules = Object.keys(ALERT_RULE_SEVERITY).map((id) => `  ${id}:\n    keywords: [x]`).join('\n');
    const withGuard = (name: string, markers: string, yaml: string) => write(name, `${markers}rules:\n${rules.replace('  late_delivery:\n    keywords: [x]', `  late_delivery:\n    keywords: [x]\n    guards:\n${yaml}`)}\n`);
    const unknown = withGuard('marker1.yaml', 'markers:\n  delivery: [物流]\n', '      - kind: lacks_words\n        marker: shipping');
    expect(() => loadAlertRules(unknown)).toThrow(new RegExp(`${unknown}: rules\\.late_delivery\\.guards\\.0\\.marker: no marker list named "shipping"`));
    const wordless = withGuard('marker2.yaml', '', '      - kind: clause_words');
    expect(() => loadAlertRules(wordless)).toThrow(new RegExp(`${wordless}: rules\\.late_delivery\\.guards\\.0\\.words: needs at least one word, or a marker list`));
    const badName = withGuard('marker3.yaml', 'markers:\n  Delivery: [物流]\n', '      - kind: advice');
    expect(() => loadAlertRules(badName)).toThrow(new RegExp(`${badName}: markers\\.Delivery`));
    const empty = withGuard('marker5.yaml', 'markers:\n  delivery: []\n', '      - kind: lacks_words\n        marker: delivery');
    expect(() => loadAlertRules(empty)).toThrow(new RegExp(`${empty}: rules\\.late_delivery\\.guards\\.0\\.marker: the marker list "delivery" is empty`));
    const both = withGuard('marker4.yaml', 'markers:\n  delivery: [物流, 快递]\n', '      - kind: lacks_words\n        marker: delivery\n        words: [快递, 邮政]');
    expect(loadAlertRules(both).find((r) => r.id === 'late_delivery')!.guards).toEqual([{ kind: 'lacks_words', within: 'sentence', words: ['物流', '快递', '邮政'] }]);
  });

  it('domain keywords: a misspelt, missing or doubled domain, an empty set, a word listed twice, also in another spelling', () => {
    const rules = Object.keys(ALERT_RULE_SEVERITY).map((id) => `  ${id}:\n    keywords: [x]`).join('\n');
    const withSets = (yaml: string) => write(`domain-keywords-${yaml.length}.yaml`, `rules:\n${rules.replace('  spoilage:\n    keywords: [x]', `  spoilage:\n    keywords: [x, 变质]\n    domainKeywords:\n${yaml}`)}\n`);
    const misspelt = withSets('      - domains: [food]\n        keywords: [坏了]');
    expect(() => loadAlertRules(misspelt)).toThrow(new RegExp(`${misspelt}: rules\\.spoilage\\.domainKeywords\\.0\\.domains\\.0`));
    const domainless = withSets('      - keywords: [坏了]');
    expect(() => loadAlertRules(domainless)).toThrow(new RegExp(`${domainless}: rules\\.spoilage\\.domainKeywords\\.0\\.domains`));
    const empty = withSets('      - domains: [takeout]');
    expect(() => loadAlertRules(empty)).toThrow(new RegExp(`${empty}: rules\\.spoilage\\.domainKeywords\\.0\\.keywords: needs at least one keyword or co-occurrence group`));
    const twice = withSets('      - domains: [takeout]\n        keywords: [坏了, 变质]');
    expect(() => loadAlertRules(twice)).toThrow(new RegExp(`${twice}: rules\\.spoilage\\.domainKeywords\\.0\\.keywords\\.1: the keyword "变质" is listed twice \\(also at keywords\\.1\\)`));
    const twins = withSets('      - domains: [takeout]\n        keywords: [壞了]\n      - domains: [retail]\n        keywords: [坏了]');
    expect(() => loadAlertRules(twins)).toThrow(new RegExp(`${twins}: rules\\.spoilage\\.domainKeywords\\.1\\.keywords\\.0: the keyword "坏了" is "坏了" once normalized, as at domainKeywords\\.0\\.keywords\\.0`));
    const doubled = withSets('      - domains: [takeout, takeout]\n        keywords: [坏了]');
    expect(() => loadAlertRules(doubled)).toThrow(new RegExp(`${doubled}: rules\\.spoilage\\.domainKeywords\\.0\\.domains\\.1: the domain "takeout" is listed twice`));
    const group = withSets('      - domains: [takeout]\n        cooccur: [[饭]]');
    expect(() => loadAlertRules(group)).toThrow(new RegExp(`${group}: rules\\.spoilage\\.domainKeywords\\.0\\.cooccur\\.0: a co-occurrence group needs at least two words`));
  });

  it('the README\'s rule with one entry of each kind loads beside the bundled rules and fires as it says', async () => {
    const readme = fs.readFileSync(resolveFromRoot('README.md'), 'utf8');
    const block = /one of each kind:\n\s*```yaml\n([\s\S]*?)\n\s*```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // The block sits in a list item: drop its `rules:` line and the list's indentation.
    const lines = block!.split('\n');
    const indent = /^\s*/.exec(lines[0]!)![0].length;
    const rule = lines.slice(1).map((l) => l.slice(indent)).join('\n');
    const file = write('readme-rule.yaml', `${fs.readFileSync(resolveFromRoot('config/alerts.yaml'), 'utf8')}\n${rule}\n`);
    const config = loadConfig({ configFile: '', overrides: { nlp: { alerts: file, sentiment: 'lexicon', pipeline: ['normalize', 'tokenize', 'clauses', 'clause_sentiment', 'keywords', 'alerts'] } }, env: {} });
    const analyzer = await loadAnalyzer(config, { logger: createLogger({ level: 'silent' }) });
    const fires = (text: string, domain: 'retail' | 'takeout' | 'groceries' = 'retail') => analyzer.analyze(text, domain).alerts.some((a) => a.rule === 'wrong_size');
    expect(['尺码不对', '裤子码数偏小', '裤子一点也不合身', '衣服洗了一次小了一码', '三包袜子有两包起球', '衣服等了五天才到'].filter((t) => !fires(t))).toEqual([]);
    expect(fires('尺码不对', 'takeout')).toBe(false);
    expect(fires('这双鞋尺码不对')).toBe(false);
    expect(fires('童装尺码不对')).toBe(false);
    expect(fires('童装尺码不对', 'groceries')).toBe(true);
    expect(fires('衣服掉色了')).toBe(true);
    expect(fires('衣服洗了一次就缩水')).toBe(true);
    expect(fires('衣服掉色了', 'groceries')).toBe(false);
    expect(fires('衣服洗了一次就缩水', 'groceries')).toBe(false);
    expect(fires('等了五天才到')).toBe(false);
    expect(fires('衣服等了五个小时才到')).toBe(false);
  });

  it('a user rule of a pattern kind loads and fires under its own id', async () => {
    const rules = Object.keys(ALERT_RULE_SEVERITY).map((id) => `  ${id}:\n    keywords: [x]`).join('\n');
    const file = write('kinds4.yaml', `rules:\n${rules}\n  wrong_size:\n    severity: low\n    patterns:\n      - kind: negated_attribute\n        attributes: [合身]\n`);
    expect(loadAlertRules(file).find((r) => r.id === 'wrong_size')).toMatchObject({ severity: 'low', patterns: [{ kind: 'negated_attribute', attributes: ['合身'], maxGap: 3 }] });
    const config = loadConfig({ configFile: '', overrides: { nlp: { alerts: file, sentiment: 'lexicon' } }, env: {} });
    const analyzer = await loadAnalyzer(config, { logger: createLogger({ level: 'silent' }) });
    expect(analyzer.analyze('裤子一点也不合身').alerts.map((a) => a.rule)).toEqual(['wrong_size']);
    expect(analyzer.analyze('裤子很合身').alerts).toEqual([]);
  });

  it('a malformed lexicon line', () => {
    const lex = path.join(dir, 'lexicon');
    write('lexicon/words/a.tsv', '好 2\n坏 nine\n');
    for (const f of ['degree.tsv', 'negators.txt', 'contrast.txt', 'hypothetical.txt']) write(`lexicon/${f}`, '');
    expect(() => readLexicon(lex)).toThrow(/a\.tsv: line 2: expected "word weight"/);
  });
});

describe('loadAnalyzer', () => {
  it('refuses a missing or broken model directory, naming the path and what is missing', async () => {
    const logger = createLogger({ level: 'silent' });
    const missing = path.join(dir, 'no-model');
    await expect(loadAnalyzer(loadConfig(), { mode: 'ensemble', sentimentModel: missing, logger })).rejects.toThrow(
      new RegExp(`${missing}: sentiment model directory does not exist`),
    );
    write('half-model/config.json', '{"model_type":"bert","id2label":{"0":"negative","1":"positive"}}');
    await expect(loadAnalyzer(loadConfig(), { mode: 'model', sentimentModel: path.join(dir, 'half-model'), logger })).rejects.toThrow(
      /half-model: sentiment model directory is missing tokenizer\.json, tokenizer_config\.json, onnx\/model\.onnx/,
    );
  });

  it('loads the shipped sentiment model for the ensemble', async () => {
    const analyzer = await loadAnalyzer(loadConfig(), { mode: 'ensemble', logger: createLogger({ level: 'silent' }) });
    expect(analyzer.mode).toBe('ensemble');
    const [good, bad] = await analyzer.analyzeBatch(['好吃，下次还买', '太难吃了，送得又慢']);
    expect(good!.sentiment.label).toBe('positive');
    expect(bad!.sentiment.label).toBe('negative');
  });
});
