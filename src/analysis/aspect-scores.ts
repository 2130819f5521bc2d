/**
 * Figures of an analysis against hand labels: aspects as (topic, polarity) pairs per review, alerts
 * as rule ids per review, overall sentiment as accuracy. Micro-averaged; per topic and per rule too.
 */
import type { Analysis } from '../nlp/types.ts';
import type { LabelledAspectReview } from './labelled-aspects.ts';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  /** Labelled instances (tp + fn) and predicted ones (tp + fp). */
  support: number;
  predicted: number;
}

export interface AspectFigures {
  reviews: number;
  aspects: Prf;
  /** Topic detection alone, whatever the polarity. */
  topics: Prf;
  alerts: Prf;
  sentimentAccuracy: number;
  perTopic: Record<string, Prf>;
  perRule: Record<string, Prf>;
}

const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: c.tp + c.fn, predicted: c.tp + c.fp };
}

function compare(expected: ReadonlySet<string>, got: ReadonlySet<string>, total: Counts, per: Map<string, Counts>, keyOf: (x: string) => string): void {
  const bump = (k: string, field: keyof Counts) => {
    let c = per.get(k);
    if (!c) per.set(k, (c = empty()));
    c[field]++;
    total[field]++;
  };
  for (const g of got) bump(keyOf(g), expected.has(g) ? 'tp' : 'fp');
  for (const e of expected) if (!got.has(e)) bump(keyOf(e), 'fn');
}

export function scoreAnalyses(reviews: readonly LabelledAspectReview[], analyses: readonly Analysis[]): AspectFigures {
  const aspects = empty();
  const topics = empty();
  const alerts = empty();
  const perTopic = new Map<string, Counts>();
  const perRule = new Map<string, Counts>();
  const ignore = new Map<string, Counts>();
  let correct = 0;
  reviews.forEach((r, i) => {
    const a = analyses[i]!;
    compare(new Set(r.aspects.map(([t, p]) => `${t}|${p}`)), new Set(a.aspects.map((x) => `${x.topic}|${x.polarity}`)), aspects, perTopic, (k) => k.split('|')[0]!);
    compare(new Set(r.aspects.map(([t]) => t)), new Set(a.aspects.map((x) => x.topic)), topics, ignore, (k) => k);
    compare(new Set(r.alerts), new Set(a.alerts.map((x) => String(x.rule))), alerts, perRule, (k) => k);
    if (a.sentiment.label === r.sentiment) correct++;
  });
  const table = (m: Map<string, Counts>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, prf(c)]));
  return {
    reviews: reviews.length,
    aspects: prf(aspects),
    topics: prf(topics),
    alerts: prf(alerts),
    sentimentAccuracy: reviews.length === 0 ? 0 : correct / reviews.length,
    perTopic: table(perTopic),
    perRule: table(perRule),
  };
}

const f = (x: number) => x.toFixed(3);

export function formatPrf(name: string, m: Prf): string {
  return `${name.padEnd(24)} P ${f(m.precision)}  R ${f(m.recall)}  F1 ${f(m.f1)}  (labelled ${m.support}, predicted ${m.predicted})`;
}

export function formatFigures(title: string, fig: AspectFigures, detail: boolean): string[] {
  const lines = [
    `${title}: ${fig.reviews} reviews`,
    '  ' + formatPrf('aspects (topic+polarity)', fig.aspects),
    '  ' + formatPrf('topics (any polarity)', fig.topics),
    '  ' + formatPrf('alerts', fig.alerts),
    `  sentiment accuracy       ${f(fig.sentimentAccuracy)}`,
  ];
  if (detail) {
    lines.push('  per topic:');
    for (const [k, m] of Object.entries(fig.perTopic)) lines.push('    ' + formatPrf(k, m));
    lines.push('  per rule:');
    for (const [k, m] of Object.entries(fig.perRule)) lines.push('    ' + formatPrf(k, m));
  }
  return lines;
}
