import { TOPIC_IDS, type Aspect, type TopicId } from '../../src/nlp/types.ts';
import type { SliceData } from '../../src/monitors/slice-rows.ts';
import { tallyFromRow } from '../../src/scores/score-tally.ts';
import { npsClass } from '../../src/stats/nps-interval.ts';
import { seededRandom } from '../../src/stats/seeded-random.ts';
import type { AnalyzedFeedback } from '../../src/store/feedback-repository.ts';

/**
 * Generated feedback for monitor tests and the false-positive measurement: weeks of stable data
 * (every region, source and product with fixed complaint rates and score distributions, weekly
 * volume varying ±30 %), optionally with a planted spike. Seeded, so a run is repeatable.
 */

export const REGIONS = [
  { name: '华东', weight: 0.35 },
  { name: '华南', weight: 0.2 },
  { name: '华北', weight: 0.2 },
  { name: '西南', weight: 0.15 },
  { name: '华中', weight: 0.1 },
] as const;
export const SOURCES = ['jd-flagship', 'tmall-store', 'survey'] as const;
export const PRODUCTS = ['毛肚', '火锅底料', '钟水饺', '鸭血', '冷吃兔', '腊肠'] as const;

/** Per-item chance of a negative mention, per topic: a few big pain points, many small ones. */
export const BASE_RATES: Record<TopicId, number> = Object.fromEntries(
  TOPIC_IDS.map((t, i) => [t, t === 'delivery.timeliness' ? 0.08 : t === 'product.packaging' ? 0.04 : t === 'delivery.cold_chain' ? 0.03 : t === 'product.taste' ? 0.03 : 0.004 + (i % 5) * 0.003]),
) as Record<TopicId, number>;

export interface Spike {
  topic: TopicId;
  region: string;
  /** The week index (0 = first) and the per-item rate in it, for items of that region. */
  week: number;
  rate: number;
  /** Only items of this product (all products when unset). */
  product?: string;
}

export interface GenerateOptions {
  /** Monday of the first week (YYYY-MM-DD). */
  start: string;
  weeks: number;
  /** Mean items per week over all regions. */
  itemsPerWeek: number;
  seed: number;
  spikes?: Spike[];
  /** Week-to-week wobble of every rate (0.15: each week's rates × a factor with sd ≈ 15 %); 0 = none. */
  rateJitter?: number;
}

function pick<T>(rand: () => number, list: readonly T[], weights?: readonly number[]): T {
  const w = weights ?? list.map(() => 1);
  let r = rand() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < list.length; i++) if ((r -= w[i]!) < 0) return list[i]!;
  return list[list.length - 1]!;
}

function poisson(rand: () => number, mean: number): number {
  // normal approximation is fine at these means; rounds and clips at 0
  const u = Math.max(1e-12, rand());
  const v = rand();
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
}

// Answers of items without a complaint, and of complainers (who answer lower, as in real data). With
// about 30 % complainers the shop meets the guides' targets: NPS ≈ 39, CSAT ≈ 4.63, CES ≈ 4.2.
const NPS_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 8, 12, 30, 40]; // 0…10: NPS 60
const NPS_COMPLAINER_WEIGHTS = [4, 3, 4, 5, 6, 8, 10, 15, 15, 15, 15]; // NPS −10
const CSAT_WEIGHTS = [0, 1, 2, 12, 85]; // 1…5: mean 4.81
const CSAT_COMPLAINER_WEIGHTS = [3, 5, 10, 32, 50]; // mean 4.21
const CES_WEIGHTS = [2, 4, 10, 34, 50]; // 1…5: mean 4.26

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The items, as the store takes them (with their analysis). */
export function generateFeedback(o: GenerateOptions): AnalyzedFeedback[] {
  const rand = seededRandom(o.seed);
  const out: AnalyzedFeedback[] = [];
  let n = 0;
  for (let week = 0; week < o.weeks; week++) {
    const volume = poisson(rand, o.itemsPerWeek * (0.7 + 0.6 * rand()));
    const jitter = new Map<TopicId, number>(TOPIC_IDS.map((t) => [t, o.rateJitter ? Math.exp(o.rateJitter * Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand())) : 1]));
    for (let i = 0; i < volume; i++) {
      const day = addDays(o.start, week * 7 + Math.floor(rand() * 7));
      const region = pick(rand, REGIONS.map((r) => r.name), REGIONS.map((r) => r.weight));
      const source = pick(rand, SOURCES);
      const product = pick(rand, PRODUCTS);
      const aspects: Aspect[] = [];
      for (const topic of TOPIC_IDS) {
        const spike = o.spikes?.find((s) => s.topic === topic && s.region === region && s.week === week && (!s.product || s.product === product));
        const rate = spike ? spike.rate : BASE_RATES[topic] * jitter.get(topic)!;
        if (rand() < rate) aspects.push({ topic, polarity: 'negative', evidence: `${region}${product}的${topic}问题` } as Aspect);
      }
      const negative = aspects.length > 0;
      const nps = pick(rand, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], negative ? NPS_COMPLAINER_WEIGHTS : NPS_WEIGHTS);
      n++;
      out.push({
        channel: 'review',
        source,
        externalId: `g${o.seed}-${n}`,
        contentHash: `g${o.seed}-${n}`,
        text: negative ? aspects.map((a) => a.evidence).join('，') : '挺好的',
        postedAt: `${day}T12:00:00+08:00`,
        region,
        segment: pick(rand, ['new', 'returning', 'VIP']),
        product,
        nps: rand() < 0.6 ? nps : undefined,
        csat: rand() < 0.6 ? pick(rand, [1, 2, 3, 4, 5], negative ? CSAT_COMPLAINER_WEIGHTS : CSAT_WEIGHTS) : undefined,
        ces: rand() < 0.4 ? pick(rand, [1, 2, 3, 4, 5], CES_WEIGHTS) : undefined,
        analysis: { sentiment: { label: negative ? 'negative' : 'positive', score: negative ? -0.5 : 0.5 }, aspects, alerts: [] },
      });
    }
  }
  return out;
}

/** The same items as the monitor queries would read them back (items, mentions, answers per day and slice). */
export function sliceDataOf(items: readonly AnalyzedFeedback[]): SliceData {
  const key = (it: AnalyzedFeedback, day: string) => [day, it.channel, it.source, it.region ?? '', it.segment ?? '', it.product ?? ''].join('\u0000');
  const itemsBy = new Map<string, number>();
  const mentionsBy = new Map<string, number>();
  const scoresBy = new Map<string, Record<string, number>>();
  for (const it of items) {
    const day = it.postedAt!.slice(0, 10);
    const k = key(it, day);
    itemsBy.set(k, (itemsBy.get(k) ?? 0) + 1);
    for (const topic of new Set(it.analysis.aspects.filter((a) => a.polarity === 'negative').map((a) => a.topic))) {
      const mk = `${k}\u0000${topic}`;
      mentionsBy.set(mk, (mentionsBy.get(mk) ?? 0) + 1);
    }
    if (it.nps !== undefined || it.csat !== undefined || it.ces !== undefined) {
      const s = scoresBy.get(k) ?? {};
      if (it.nps !== undefined) s[npsClass(it.nps)] = (s[npsClass(it.nps)] ?? 0) + 1;
      if (it.csat !== undefined) {
        s.csat_n = (s.csat_n ?? 0) + 1;
        s.csat_sum = (s.csat_sum ?? 0) + it.csat;
        s.csat_sum_squares = (s.csat_sum_squares ?? 0) + it.csat * it.csat;
        if (it.csat >= 4) s.csat_satisfied = (s.csat_satisfied ?? 0) + 1;
      }
      if (it.ces !== undefined) {
        s.ces_n = (s.ces_n ?? 0) + 1;
        s.ces_sum = (s.ces_sum ?? 0) + it.ces;
        s.ces_sum_squares = (s.ces_sum_squares ?? 0) + it.ces * it.ces;
      }
      scoresBy.set(k, s);
    }
  }
  const dims = (k: string) => {
    const [day, channel, source, region, segment, product] = k.split('\u0000') as [string, string, string, string, string, string];
    return { day, channel, source, region, segment, product };
  };
  return {
    items: [...itemsBy].map(([k, items]) => ({ ...dims(k), items })),
    mentions: [...mentionsBy].map(([k, mentions]) => {
      const parts = k.split('\u0000');
      return { ...dims(parts.slice(0, 6).join('\u0000')), topic: parts[6]!, mentions };
    }),
    scores: [...scoresBy].map(([k, s]) => ({ ...dims(k), tally: tallyFromRow(s) })),
  };
}
