import { twoSidedZ } from './distributions.ts';
import { DEFAULT_CONFIDENCE, type Interval } from './interval.ts';

/**
 * Wilson score interval for a proportion x/n. Unlike the normal (Wald) interval it stays inside
 * [0, 1] and keeps its coverage for small n and for proportions near 0 or 1, which is where
 * complaint rates and satisfied shares of a small region live.
 */
export function wilsonInterval(x: number, n: number, confidence = DEFAULT_CONFIDENCE): Interval {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n < 1 || x < 0 || x > n) throw new RangeError(`wilsonInterval: need whole 0 ≤ x ≤ n, n ≥ 1 (got ${x}/${n})`);
  const z = twoSidedZ(confidence);
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { estimate: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), n, confidence };
}
