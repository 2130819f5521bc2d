/**
 * Figures of an analysis against hand labels: aspects as (topic, polarity) pairs per review, alerts
 * as rule ids per review, overall sentiment as accuracy. Micro-averaged; per topic and per rule too,
 * each F1 with its 95% interval (bootstrap over reviews) and "insufficient data" where few are labelled.
 */
import type { Analysis } from '../nlp/types.ts';
import { bootstrapInterval } from '../stats/bootstrap-interval.ts';
import { DEFAULT_CONFIDENCE } from '../stats/interval.ts';
import { responsesForMargin } from '../stats/minimum-n.ts';
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
  /** F1's interval at `confidence`, from resampling the reviews (absent for counts not tied to reviews). */
  f1Interval?: { lower: number; upper: number; confidence: number };
  /** Whether enough are labelled (MIN_LABELLED) for the figures to say much. */
  enough: boolean;
}

/**
 * Labelled instances below which a figure is "insufficient data": with fewer, recall's 95% interval
 * is wider than ±0.2 in the worst case (p = 0.5), wide enough to hide any change worth making.
 */
export const MIN_LABELLED = responsesForMargin('proportion', 0.2);

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
  return { precision, recall, f1, support: c.tp + c.fn, predicted: c.tp + c.fp, enough: c.tp + c.fn >= MIN_LABELLED };
}

/** One figure's counts: in all, per review (for the interval), and per topic or rule with their reviews. */
class Tally {
  readonly total = empty();
  readonly byReview: Counts[] = [];
  readonly perKey = new Map<string, { total: Counts; byReview: Map<number, Counts> }>();

  /** Adds one review's comparison of labelled and predicted instances. */
  compare(review: number, expected: ReadonlySet<string>, got: ReadonlySet<string>, keyOf: (x: string) => string): void {
    const mine = empty();
    this.byReview[review] = mine;
    const bump = (k: string, field: keyof Counts) => {
      let key = this.perKey.get(k);
      if (!key) this.perKey.set(k, (key = { total: empty(), byReview: new Map() }));
      let c = key.byReview.get(review);
      if (!c) key.byReview.set(review, (c = empty()));
      c[field]++;
      key.total[field]++;
      mine[field]++;
      this.total[field]++;
    };
    for (const g of got) bump(keyOf(g), expected.has(g) ? 'tp' : 'fp');
    for (const e of expected) if (!got.has(e)) bump(keyOf(e), 'fn');
  }

  figures(): Prf {
    return withInterval(this.total, this.byReview.entries(), this.byReview.length);
  }

  table(): Record<string, Prf> {
    return Object.fromEntries([...this.perKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, withInterval(c.total, c.byReview.entries(), this.byReview.length)]));
  }
}

/**
 * The figures of `total`, with F1's bootstrap interval: `reviews` reviews resampled, each adding
 * its share of the counts (`byReview`, which need not list a review that adds nothing).
 */
function withInterval(total: Counts, byReview: Iterable<[number, Counts]>, units: number): Prf {
  const reviews: number[] = [];
  const counts: Counts[] = [];
  for (const [review, c] of byReview) {
    reviews.push(review);
    counts.push(c);
  }
  const interval = bootstrapInterval(units, (draws) => {
    const sum = empty();
    for (let i = 0; i < reviews.length; i++) {
      const w = draws[reviews[i]!]!;
      sum.tp += w * counts[i]!.tp;
      sum.fp += w * counts[i]!.fp;
      sum.fn += w * counts[i]!.fn;
    }
    return prf(sum).f1;
  });
  return { ...prf(total), f1Interval: { ...interval, confidence: DEFAULT_CONFIDENCE } };
}

export function scoreAnalyses(reviews: readonly LabelledAspectReview[], analyses: readonly Analysis[]): AspectFigures {
  const aspects = new Tally();
  const topics = new Tally();
  const alerts = new Tally();
  let correct = 0;
  reviews.forEach((r, i) => {
    const a = analyses[i]!;
    aspects.compare(i, new Set(r.aspects.map(([t, p]) => `${t}|${p}`)), new Set(a.aspects.map((x) => `${x.topic}|${x.polarity}`)), (k) => k.split('|')[0]!);
    topics.compare(i, new Set(r.aspects.map(([t]) => t)), new Set(a.aspects.map((x) => x.topic)), (k) => k);
    alerts.compare(i, new Set(r.alerts), new Set(a.alerts.map((x) => String(x.rule))), (k) => k);
    if (a.sentiment.label === r.sentiment) correct++;
  });
  return {
    reviews: reviews.length,
    aspects: aspects.figures(),
    topics: topics.figures(),
    alerts: alerts.figures(),
    sentimentAccuracy: reviews.length === 0 ? 0 : correct / reviews.length,
    perTopic: aspects.table(),
    perRule: alerts.table(),
  };
}

const f = (x: number) => x.toFixed(3);

export function formatPrf(name: string, m: Prf): string {
  const interval = m.f1Interval ? ` [${f(m.f1Interval.lower)}–${f(m.f1Interval.upper)}]` : '';
  const verdict = m.enough ? '' : `  insufficient data (under ${MIN_LABELLED} labelled)`;
  return `${name.padEnd(24)} P ${f(m.precision)}  R ${f(m.recall)}  F1 ${f(m.f1)}${interval}  (labelled ${m.support}, predicted ${m.predicted})${verdict}`;
}

export function formatFigures(title: string, fig: AspectFigures, detail: boolean): string[] {
  const lines = [
    `${title}: ${fig.reviews} reviews (F1 with its ${Math.round(DEFAULT_CONFIDENCE * 100)}% interval, reviews resampled)`,
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
