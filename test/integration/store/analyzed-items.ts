import type { AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';
import type { Aspect, AlertHit, Polarity, TopicId } from '../../../src/nlp/types.ts';

/** Deterministic synthetic analysed items, and the tallies they must produce, computed in JS. */

const TOPICS: TopicId[] = ['product.taste', 'delivery.timeliness', 'product.freshness', 'delivery.cold_chain', 'product.price'];
const POLARITIES: Polarity[] = ['negative', 'positive', 'neutral'];
const REGIONS = [undefined, '成都', '上海'];
const SEGMENTS = [undefined, 'new', 'VIP'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeItems(count: number, options: { seed?: number; source?: string; importId?: string } = {}): AnalyzedFeedback[] {
  const next = rng(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const aspects: Aspect[] = [];
    const n = Math.floor(next() * 4);
    for (let k = 0; k < n; k++) aspects.push({ topic: pick(TOPICS), polarity: pick(POLARITIES), evidence: `第${k}句` });
    const alerts: AlertHit[] = next() < 0.2 ? [{ rule: 'late_delivery', severity: 'medium', keyword: '太慢', evidence: '配送太慢' }] : [];
    const day = 1 + Math.floor(next() * 5);
    const label = pick(POLARITIES);
    return {
      channel: 'review',
      source: options.source ?? 'shop-a',
      externalId: `r${i}`,
      contentHash: `h${i}`,
      text: `评论 ${i}`,
      rating: 1 + Math.floor(next() * 5),
      postedAt: `2026-03-0${day}T10:00:00+08:00`,
      region: pick(REGIONS),
      segment: pick(SEGMENTS),
      importId: options.importId,
      analysis: { sentiment: { label, score: label === 'negative' ? -0.5 : label === 'positive' ? 0.5 : 0 }, aspects, alerts },
    };
  });
}

/** tally key → mentions: each item once per (topic, polarity). */
export function expectedTallies(items: readonly AnalyzedFeedback[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const day = item.postedAt!.slice(0, 10);
    const pairs = new Set(item.analysis.aspects.map((a) => `${a.topic}|${a.polarity}`));
    for (const pair of pairs) {
      const key = [day, item.channel, item.source, pair, item.region ?? '', item.segment ?? ''].join('|');
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}
