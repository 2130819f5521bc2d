import { studentTQuantile } from './distributions.ts';
import { DEFAULT_CONFIDENCE, type Interval } from './interval.ts';

/** What a mean's interval needs, as SQL aggregates give it: n, Σx and Σx². */
export interface MeanMoments {
  n: number;
  sum: number;
  sumSquares: number;
}

export interface MeanEstimate extends Interval {
  sd: number;
  /** Standard error of the mean. */
  se: number;
}

/** Student-t interval of a mean (CSAT 1–5, CES 1–5), clipped to the scale when one is given. */
export function meanInterval(m: MeanMoments, confidence = DEFAULT_CONFIDENCE, scale?: { min: number; max: number }): MeanEstimate {
  if (m.n < 2) throw new RangeError('meanInterval: need at least two values');
  const mean = m.sum / m.n;
  const variance = Math.max(0, (m.sumSquares - m.n * mean * mean) / (m.n - 1));
  const sd = Math.sqrt(variance);
  const se = sd / Math.sqrt(m.n);
  const half = studentTQuantile(1 - (1 - confidence) / 2, m.n - 1) * se;
  const lower = scale ? Math.max(scale.min, mean - half) : mean - half;
  const upper = scale ? Math.min(scale.max, mean + half) : mean + half;
  return { estimate: mean, lower, upper, n: m.n, sd, se, confidence };
}

export function momentsOf(values: readonly number[]): MeanMoments {
  let sum = 0;
  let sumSquares = 0;
  for (const v of values) {
    sum += v;
    sumSquares += v * v;
  }
  return { n: values.length, sum, sumSquares };
}
