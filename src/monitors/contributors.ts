import type { MonitorConfig } from '../config/schema/monitors.ts';
import { passes, type Dimension } from '../scores/slice-filter.ts';
import { addTally, emptyTally, type ScoreTally } from '../scores/score-tally.ts';
import { contributorDimensions, isScoreMetric, scoreOf, windowIndex, type EvaluationWindows } from './evaluate.ts';
import type { Contributor, Finding } from './finding.ts';
import type { SliceData } from './slice-rows.ts';

/**
 * The slices inside a finding's scope that drive it, per dimension not already in the scope (the
 * sources and products inside a region): for a rate, the mentions above what the scope's baseline
 * rate predicts for the slice's items; for a score, the points the slice moves the score.
 */
export function contributors(m: MonitorConfig, f: Finding, data: SliceData, w: EvaluationWindows, top: number): Contributor[] {
  if (top <= 0) return [];
  const k = w.baseline.length;
  const inScope = (r: Record<Dimension, string> & { day: string }) =>
    windowIndex(r.day, w) === k && passes(r, m.filter) && passes(r, f.scope as Partial<Record<Dimension, string>>);
  const out: Contributor[] = [];
  for (const dim of contributorDimensions(m)) {
    let list: Contributor[];
    const values = new Set<string>();
    if (isScoreMetric(f.metric)) {
      const by = new Map<string, ScoreTally>();
      for (const r of data.scores) if (inScope(r) && values.add(r[dim])) addTally(by.get(r[dim]) ?? by.set(r[dim], emptyTally()).get(r[dim])!, r.tally);
      list = [...by].flatMap(([value, t]) => {
        const s = scoreOf(f.metric as 'nps' | 'csat' | 'ces', t);
        return s ? [{ dimension: dim, value, count: s.n, items: s.n, excess: (s.n / f.n) * (s.value - f.value) }] : [];
      });
      // A score below its limit: the slices pulling it down first.
      list.sort((a, b) => (f.limit !== undefined && m.above !== undefined ? b.excess - a.excess : a.excess - b.excess));
    } else {
      const items = new Map<string, number>();
      const negative = new Map<string, number>();
      const topic = new Map<string, number>();
      for (const r of data.items) if (inScope(r) && values.add(r[dim])) items.set(r[dim], (items.get(r[dim]) ?? 0) + r.items);
      for (const r of data.mentions) {
        if (!inScope(r)) continue;
        negative.set(r[dim], (negative.get(r[dim]) ?? 0) + r.mentions);
        if (r.topic === f.topic) topic.set(r[dim], (topic.get(r[dim]) ?? 0) + r.mentions);
      }
      const rate = f.baseline ?? 0;
      list =
        f.metric === 'items'
          ? [...items].map(([value, n]) => ({ dimension: dim, value, count: n, items: n, excess: n - (f.baseline ?? 0) * (n / Math.max(1, f.n)) }))
          : [...topic].map(([value, x]) => {
              const n = items.get(value) ?? 0;
              const e = f.metric === 'share' ? (negative.get(value) ?? 0) : n;
              return { dimension: dim, value, count: x, items: n, excess: x - e * rate };
            });
      list.sort((a, b) => b.excess - a.excess || b.count - a.count);
      list = list.filter((c) => c.count > 0);
    }
    // A dimension with one value in the scope (one channel) says nothing the scope does not.
    if (values.size > 1) out.push(...list.slice(0, top).map((c) => ({ ...c, excess: round(c.excess) })));
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
