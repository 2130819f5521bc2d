import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlertRules, loadAnalyzer, loadTopics, readLexicon } from '../../../src/analysis/index.ts';
import { loadConfig, resolveFromRoot } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/errors/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { ALERT_RULE_SEVERITY, TOPIC_IDS } from '../../../src/nlp/index.ts';

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

  it('a malformed lexicon line', () => {
    const lex = path.join(dir, 'lexicon');
    write('lexicon/words/a.tsv', '好 2\n坏 nine\n');
    for (const f of ['degree.tsv', 'negators.txt', 'contrast.txt', 'hypothetical.txt']) write(`lexicon/${f}`, '');
    expect(() => readLexicon(lex)).toThrow(/a\.tsv: line 2: expected "word weight"/);
  });
});

describe('loadAnalyzer', () => {
  it('falls back to the lexicon, with one warning, when the model directory does not exist', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: new Writable({ write: (c, _e, done) => (lines.push(c.toString()), done()) }) });
    const analyzer = await loadAnalyzer(loadConfig(), { mode: 'ensemble', sentimentModel: path.join(dir, 'no-model'), logger });
    expect(analyzer.mode).toBe('lexicon');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).msg).toMatch(/sentiment model directory not found/);
    expect(analyzer.analyze('好吃').sentiment.label).toBe('positive');
  });
});
