import { SCORE_METRICS, type MonitorConfig } from '../config/schema/monitors.ts';
import { passes, type Dimension } from '../scores/slice-filter.ts';
import { addTally, emptyTally, npsResponses, type ScoreTally } from '../scores/score-tally.ts';
import { binomialLowerTail, binomialUpperTail, rateIncreaseTest } from '../stats/count-test.ts';
import { meanInterval } from '../stats/mean-interval.ts';
import { npsInterval } from '../stats/nps-interval.ts';
import { aboveTargetPValue, belowTargetPValue } from '../stats/target-test.ts';
import type { Finding } from './finding.ts';
import type { SliceData, SliceValues } from './slice-rows.ts';
import type { Window } from './windows.ts';

/** Significance a monitor uses when it names none. */
export const DEFAULT_ALPHA = { relative: 0.01, target: 0.05, threshold: 0.05 } as const;

export function alphaOf(m: MonitorConfig): number {
  return m.alpha ?? DEFAULT_ALPHA[m.kind];
}

export function isScoreMetric(metric: string): metric is (typeof SCORE_METRICS)[number] {
  return (SCORE_METRICS as readonly string[]).includes(metric);
}

/** The window and its baseline windows, and which one a day falls in (-1: the window, 0…: baseline). */
export interface EvaluationWindows {
  current: Window;
  baseline: Window[];
}

interface Counts {
  /** Per window: [baseline…, current]. */
  items: number[];
  negative: number[];
  byTopic: Map<string, number[]>;
}

type Scope = Partial<Record<Dimension, string>>;

export function windowIndex(day: string, w: EvaluationWindows): number {
  if (day >= w.current.from && day < w.current.to) return w.baseline.length;
  for (let i = 0; i < w.baseline.length; i++) if (day >= w.baseline[i]!.from && day < w.baseline[i]!.to) return i;
  return -1;
}

/** The slice a row belongs to (undefined: a `by` value is missing, so no slice). */
function scopeOf(row: SliceValues, by: readonly Dimension[]): Scope | undefined {
  const scope: Scope = {};
  for (const d of by) {
    if (row[d] === '') return undefined;
    scope[d] = row[d];
  }
  return scope;
}

const sum = (xs: readonly number[], from = 0, to = xs.length) => xs.slice(from, to).reduce((a, b) => a + b, 0);

/**
 * Evaluates one monitor on read data: every slice of its `by` dimensions (after its filter), and
 * for negative_rate and share every watched topic in it. Returns what fires, without contributors
 * and evidence (the caller adds them). Pure: tested without a database.
 */
export function evaluateMonitor(m: MonitorConfig, data: SliceData, windows: EvaluationWindows): Finding[] {
  return isScoreMetric(m.metric) ? evaluateScores(m, data, windows) : evaluateCounts(m, data, windows);
}

function evaluateCounts(m: MonitorConfig, data: SliceData, w: EvaluationWindows): Finding[] {
  const k = w.baseline.length;
  const slices = new Map<string, { scope: Scope; counts: Counts }>();
  const slice = (row: SliceValues) => {
    if (!passes(row, m.filter)) return undefined;
    const scope = scopeOf(row, m.by);
    if (!scope) return undefined;
    const id = JSON.stringify(scope);
    let s = slices.get(id);
    if (!s) slices.set(id, (s = { scope, counts: { items: new Array(k + 1).fill(0), negative: new Array(k + 1).fill(0), byTopic: new Map() } }));
    return s.counts;
  };
  for (const r of data.items) {
    const i = windowIndex(r.day, w);
    const c = i < 0 ? undefined : slice(r);
    if (c) c.items[i]! += r.items;
  }
  const watched = m.topics === 'all' ? undefined : new Set<string>(m.topics);
  for (const r of data.mentions) {
    const i = windowIndex(r.day, w);
    const c = i < 0 ? undefined : slice(r);
    if (!c) continue;
    c.negative[i]! += r.mentions;
    let t = c.byTopic.get(r.topic);
    if (!t) c.byTopic.set(r.topic, (t = new Array(k + 1).fill(0)));
    t[i]! += r.mentions;
  }

  const alpha = alphaOf(m);
  const findings: Finding[] = [];
  for (const { scope, counts } of [...slices.values()].sort((a, b) => JSON.stringify(a.scope).localeCompare(JSON.stringify(b.scope)))) {
    const n = counts.items[k]!;
    const N = sum(counts.items, 0, k);
    if (n < m.minItems) continue;
    const base = { monitor: m.id, metric: m.metric, scope: scope as Record<string, string>, window: w.current, kind: m.kind, contributors: [], evidence: [] };
    if (m.metric === 'items') {
      const f = judge(m, alpha, { x: n, n: 1, X: N, N: k, value: n, baseline: k > 0 ? N / k : null, pAbove: null, pBelow: null });
      if (f) findings.push({ ...base, ...f, topic: null, n, baseline_n: N });
      continue;
    }
    for (const [topic, series] of [...counts.byTopic].sort(([a], [b]) => a.localeCompare(b))) {
      if (watched && !watched.has(topic)) continue;
      // share: of the slice's negative mentions; negative_rate: of its items.
      const exposure = m.metric === 'share' ? counts.negative : counts.items;
      const x = series[k]!;
      const e = exposure[k]!;
      const X = sum(series, 0, k);
      const E = sum(exposure, 0, k);
      if (e <= 0) continue;
      const limit = m.below ?? m.above;
      const f = judge(m, alpha, {
        x,
        n: e,
        X,
        N: E,
        value: x / e,
        baseline: E > 0 ? X / E : null,
        pAbove: limit === undefined ? null : binomialUpperTail(x, e, limit),
        pBelow: limit === undefined ? null : binomialLowerTail(x, e, limit),
      });
      if (f) findings.push({ ...base, ...f, topic, n, baseline_n: N });
    }
  }
  return findings;
}

interface Observation {
  x: number;
  n: number;
  X: number;
  N: number;
  value: number;
  baseline: number | null;
  /** P(≥ x) and P(≤ x) at the limit (threshold / target of a rate). */
  pAbove: number | null;
  pBelow: number | null;
}

function judge(m: MonitorConfig, alpha: number, o: Observation): Pick<Finding, 'value' | 'baseline' | 'p_value' | 'ratio' | 'limit'> | undefined {
  if (m.kind === 'relative') {
    if (o.N <= 0 || o.x === 0) return undefined;
    const t = rateIncreaseTest(o.x, o.n, o.X, o.N);
    if (t.pValue >= alpha || t.ratio < 1 + m.minChange) return undefined;
    return { value: o.value, baseline: o.baseline, p_value: t.pValue, ratio: Number.isFinite(t.ratio) ? t.ratio : null };
  }
  const above = m.above !== undefined;
  const limit = (m.above ?? m.below)!;
  const p = above ? o.pAbove : o.pBelow;
  const crossed = above ? o.value > limit : o.value < limit;
  if (!crossed) return undefined;
  if (m.kind === 'target' && (p === null || p >= alpha)) return undefined;
  return { value: o.value, baseline: o.baseline, p_value: p, limit };
}

/** NPS, CSAT or CES of a tally: estimate, standard error, answers, degrees of freedom for a mean. */
export function scoreOf(metric: 'nps' | 'csat' | 'ces', t: ScoreTally): { value: number; se: number; n: number; dof?: number } | undefined {
  if (metric === 'nps') {
    const n = npsResponses(t);
    if (n < 1) return undefined;
    const i = npsInterval(t);
    return { value: i.estimate, se: i.se, n };
  }
  const n = metric === 'csat' ? t.csatN : t.cesN;
  if (n < 2) return undefined;
  const i = meanInterval(metric === 'csat' ? { n, sum: t.csatSum, sumSquares: t.csatSumSquares } : { n, sum: t.cesSum, sumSquares: t.cesSumSquares });
  return { value: i.estimate, se: i.se, n, dof: n - 1 };
}

function evaluateScores(m: MonitorConfig, data: SliceData, w: EvaluationWindows): Finding[] {
  const metric = m.metric as 'nps' | 'csat' | 'ces';
  const k = w.baseline.length;
  const slices = new Map<string, { scope: Scope; current: ScoreTally; before: ScoreTally }>();
  for (const r of data.scores) {
    const i = windowIndex(r.day, w);
    if (i < 0 || !passes(r, m.filter)) continue;
    const scope = scopeOf(r, m.by);
    if (!scope) continue;
    const id = JSON.stringify(scope);
    let s = slices.get(id);
    if (!s) slices.set(id, (s = { scope, current: emptyTally(), before: emptyTally() }));
    addTally(i === k ? s.current : s.before, r.tally);
  }
  const alpha = alphaOf(m);
  const above = m.above !== undefined;
  const limit = (m.above ?? m.below)!;
  const findings: Finding[] = [];
  for (const { scope, current, before } of [...slices.values()].sort((a, b) => JSON.stringify(a.scope).localeCompare(JSON.stringify(b.scope)))) {
    const now = scoreOf(metric, current);
    if (!now || now.n < m.minItems) continue;
    const crossed = above ? now.value > limit : now.value < limit;
    if (!crossed) continue;
    const p = above ? aboveTargetPValue(now.value, now.se, limit, now.dof) : belowTargetPValue(now.value, now.se, limit, now.dof);
    if (m.kind === 'target' && p >= alpha) continue;
    const then = scoreOf(metric, before);
    findings.push({
      monitor: m.id,
      metric,
      topic: null,
      scope: scope as Record<string, string>,
      window: w.current,
      value: now.value,
      baseline: then?.value ?? null,
      p_value: p,
      n: now.n,
      kind: m.kind,
      limit,
      baseline_n: then?.n ?? 0,
      contributors: [],
      evidence: [],
    });
  }
  return findings;
}

/** Dimensions not in `by` in which contributing slices are looked for: the sources and products inside the scope. */
export function contributorDimensions(m: MonitorConfig): Dimension[] {
  return (['source', 'product'] as const).filter((d) => !m.by.includes(d) && m.filter[d] === undefined);
}
