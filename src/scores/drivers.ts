import { twoSidedZ } from '../stats/distributions.ts';
import { meanInterval } from '../stats/mean-interval.ts';
import { hasEnough } from '../stats/minimum-n.ts';
import { npsInterval } from '../stats/nps-interval.ts';
import { npsResponses, type ScoreTally } from './score-tally.ts';

export type DriverMetric = 'nps' | 'csat';

/** What one topic's complaints cost a score. */
export type Driver =
  | {
      topic: string;
      status: 'estimate';
      /** Answered items that mention the topic negatively. */
      n: number;
      /** The score among them, and among the rest. */
      score: number;
      rest: number;
      restN: number;
      /**
       * Points of the score the topic costs: how much higher the score would be if these customers
       * answered like the rest (w × (rest − score), w their share of the answers), with its interval.
       */
      cost: number;
      lower: number;
      upper: number;
    }
  | { topic: string; status: 'insufficient data'; n: number; min: number };

interface Estimate {
  value: number;
  se: number;
  n: number;
}

function estimate(metric: DriverMetric, t: ScoreTally): Estimate | undefined {
  if (metric === 'nps') {
    const n = npsResponses(t);
    if (n < 2) return undefined;
    const i = npsInterval(t);
    return { value: i.estimate, se: i.se, n };
  }
  if (t.csatN < 2) return undefined;
  const i = meanInterval({ n: t.csatN, sum: t.csatSum, sumSquares: t.csatSumSquares });
  return { value: i.estimate, se: i.se, n: t.csatN };
}

function minus(a: ScoreTally, b: ScoreTally): ScoreTally {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof ScoreTally)[]) out[k] -= b[k];
  return out;
}

/**
 * Drivers: for each topic, the score of the items that complain of it against the rest, and the
 * points it costs, sorted by cost (most first). The interval treats the two groups as independent
 * samples (an item complaining of the topic is not among the rest), w as fixed.
 */
export function drivers(metric: DriverMetric, total: ScoreTally, byTopic: ReadonlyMap<string, ScoreTally>, options: { minResponses: number; confidence: number; driverMinResponses?: number }): Driver[] {
  const minTopic = options.driverMinResponses ?? options.minResponses;
  const z = twoSidedZ(options.confidence);
  const all = estimate(metric, total);
  const out: Driver[] = [];
  for (const [topic, t] of byTopic) {
    const mine = estimate(metric, t);
    const rest = estimate(metric, minus(total, t));
    const n = metric === 'nps' ? npsResponses(t) : t.csatN;
    if (!all || !mine || !rest || !hasEnough(n, minTopic) || !hasEnough(rest.n, options.minResponses)) {
      out.push({ topic, status: 'insufficient data', n, min: minTopic });
      continue;
    }
    const w = mine.n / all.n;
    const cost = w * (rest.value - mine.value);
    const half = z * w * Math.sqrt(mine.se ** 2 + rest.se ** 2);
    out.push({ topic, status: 'estimate', n: mine.n, score: mine.value, rest: rest.value, restN: rest.n, cost, lower: cost - half, upper: cost + half });
  }
  const rank = (d: Driver) => (d.status === 'estimate' ? d.cost : -Infinity);
  return out.sort((a, b) => rank(b) - rank(a) || b.n - a.n || a.topic.localeCompare(b.topic));
}
