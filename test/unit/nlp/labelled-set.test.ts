/**
 * Scores the analyzer on the labelled evaluation set (test/fixtures/labelled/*.jsonl): alert
 * precision and recall, aspect F1 (topic + polarity per item) and sentiment accuracy. The thresholds
 * sit a little below the figures measured when they were set, so a regression fails the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { loadConfig } from '../../../src/config/index.ts';
import type { Analysis, Analyzer } from '../../../src/nlp/index.ts';

interface LabelledItem {
  id: string;
  text: string;
  domain: string;
  traditional: boolean;
  sentiment: 'positive' | 'neutral' | 'negative';
  aspects: { topic: string; polarity: string }[];
  alerts: string[];
}

const THRESHOLDS = { alertPrecision: 0.95, alertRecall: 0.9, aspectF1: 0.64, sentimentAccuracy: 0.86 };

const DIR = path.resolve(import.meta.dirname, '../../fixtures/labelled');

function readSet(): LabelledItem[] {
  const items: LabelledItem[] = [];
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.jsonl')).sort()) {
    fs.readFileSync(path.join(DIR, file), 'utf8')
      .split('\n')
      .forEach((line) => {
        if (line.trim() !== '') items.push(JSON.parse(line) as LabelledItem);
      });
  }
  return items;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function add(c: Counts, expected: ReadonlySet<string>, got: ReadonlySet<string>): void {
  for (const g of got) (expected.has(g) ? c.tp++ : c.fp++);
  for (const e of expected) if (!got.has(e)) c.fn++;
}

const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));
const f1 = (c: Counts) => {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

interface Scores {
  items: number;
  alertPrecision: number;
  alertRecall: number;
  aspectF1: number;
  sentimentAccuracy: number;
  traditionalSentimentAccuracy: number;
}

function score(items: readonly LabelledItem[], analyses: readonly Analysis[], report?: (line: string) => void): Scores {
  const alerts: Counts = { tp: 0, fp: 0, fn: 0 };
  const aspects: Counts = { tp: 0, fp: 0, fn: 0 };
  let correct = 0;
  let tradCorrect = 0;
  let trad = 0;
  items.forEach((item, i) => {
    const a = analyses[i]!;
    add(alerts, new Set(item.alerts), new Set(a.alerts.map((h) => h.rule)));
    const expectedAspects = new Set(item.aspects.map((x) => `${x.topic}/${x.polarity}`));
    const gotAspects = new Set(a.aspects.map((x) => `${x.topic}/${x.polarity}`));
    add(aspects, expectedAspects, gotAspects);
    const ok = a.sentiment.label === item.sentiment;
    if (ok) correct++;
    if (item.traditional) {
      trad++;
      if (ok) tradCorrect++;
    }
    if (report && (!ok || [...expectedAspects].some((x) => !gotAspects.has(x)) || item.alerts.join() !== a.alerts.map((h) => h.rule).join())) {
      report(`${item.id} ${item.text}\n   expected ${item.sentiment} ${[...expectedAspects].join(' ')} [${item.alerts.join(' ')}]\n   got      ${a.sentiment.label} ${[...gotAspects].join(' ')} [${a.alerts.map((h) => h.rule).join(' ')}]`);
    }
  });
  return {
    items: items.length,
    alertPrecision: precision(alerts),
    alertRecall: recall(alerts),
    aspectF1: f1(aspects),
    sentimentAccuracy: correct / items.length,
    traditionalSentimentAccuracy: trad === 0 ? 1 : tradCorrect / trad,
  };
}

describe('labelled evaluation set', () => {
  let analyzer: Analyzer;
  let items: LabelledItem[];

  beforeAll(async () => {
    analyzer = await loadAnalyzer(loadConfig(), { mode: 'lexicon' });
    items = readSet();
  });

  it('holds enough items to mean something', () => {
    expect(items.length).toBeGreaterThanOrEqual(80);
  });

  it('scores above the thresholds (lexicon mode)', async () => {
    const analyses = await analyzer.analyzeBatch(items.map((i) => i.text));
    const misses: string[] = [];
    const s = score(items, analyses, process.env.PAINPOINT_EVAL_VERBOSE ? (l) => misses.push(l) : undefined);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `labelled set (${s.items} items): alert precision ${pct(s.alertPrecision)}, alert recall ${pct(s.alertRecall)}, ` +
        `aspect F1 ${pct(s.aspectF1)}, sentiment accuracy ${pct(s.sentimentAccuracy)} (Traditional ${pct(s.traditionalSentimentAccuracy)})` +
        (misses.length ? `\n${misses.join('\n')}` : ''),
    );
    // Measured 97.2% / 92.1% / 69.4% / 88.1% when last checked (66.2% / 88.6% when set) (rules and learned aspects, lexicon sentiment).
    expect(s.alertPrecision).toBeGreaterThanOrEqual(THRESHOLDS.alertPrecision);
    expect(s.alertRecall).toBeGreaterThanOrEqual(THRESHOLDS.alertRecall);
    expect(s.aspectF1).toBeGreaterThanOrEqual(THRESHOLDS.aspectF1);
    expect(s.sentimentAccuracy).toBeGreaterThanOrEqual(THRESHOLDS.sentimentAccuracy);
  });
});
