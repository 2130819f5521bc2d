import { normalCdf, normalQuantile } from './distributions.ts';
import { wilsonInterval as wilsonEstimate } from './proportion-interval.ts';

/**
 * Two independent proportions x1/n1 and x2/n2: the two-sided z test (pooled standard error), the
 * Wald 95% interval of the difference p2 − p1 (unpooled), the Newcombe interval for small counts
 * (from Wilson score intervals), and the minimum detectable difference at a given power. Pure
 * functions; the normal distribution and the Wilson interval come from their own stats modules.
 */

export { normalQuantile };

export interface Proportion {
  /** Successes (here: items with a negative mention of the topic). */
  x: number;
  /** Trials (items in scope). */
  n: number;
}

export interface ZTestResult {
  /** p2 − p1. */
  difference: number;
  z: number;
  pValue: number;
  /** Wald 95% interval of the difference (unpooled standard error). */
  ci95: [number, number];
  /** Unpooled standard error of the difference. */
  se: number;
}

export const ALPHA = 0.05;
export const POWER = 0.8;

export function rate(p: Proportion): number {
  return p.n > 0 ? p.x / p.n : Number.NaN;
}

/** P(Z > z) · 2 for the standard normal: a two-sided p-value. */
export function twoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? Number.NaN : 0;
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

function checked(p: Proportion, what: string): void {
  if (!Number.isInteger(p.x) || !Number.isInteger(p.n) || p.x < 0 || p.n <= 0 || p.x > p.n) {
    throw new RangeError(`${what}: expected 0 ≤ x ≤ n and n > 0 (integers), got x=${p.x}, n=${p.n}`);
  }
}

/** Two-sided two-proportion z test of p2 against p1, with the Wald interval of p2 − p1. */
export function twoProportionZTest(first: Proportion, second: Proportion, confidence = 0.95): ZTestResult {
  checked(first, 'first proportion');
  checked(second, 'second proportion');
  const p1 = rate(first);
  const p2 = rate(second);
  const pooled = (first.x + second.x) / (first.n + second.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / first.n + 1 / second.n));
  const se = Math.sqrt((p1 * (1 - p1)) / first.n + (p2 * (1 - p2)) / second.n);
  const difference = p2 - p1;
  // Both rates 0 or both 1: nothing varies, nothing differs.
  const z = sePooled > 0 ? difference / sePooled : 0;
  const q = normalQuantile(1 - (1 - confidence) / 2);
  return { difference, z, pValue: sePooled > 0 ? twoSidedP(z) : 1, ci95: [difference - q * se, difference + q * se], se };
}

/** Wilson score interval of one proportion, as the [lower, upper] pair Newcombe's interval combines. */
export function wilsonInterval(p: Proportion, confidence = 0.95): [number, number] {
  checked(p, 'proportion');
  const { lower, upper } = wilsonEstimate(p.x, p.n, confidence);
  return [lower, upper];
}

/**
 * Newcombe's hybrid score interval (method 10) of p2 − p1: keeps its coverage where the Wald
 * interval fails, at small counts and rates near 0 or 1.
 */
export function newcombeInterval(first: Proportion, second: Proportion, confidence = 0.95): [number, number] {
  const p1 = rate(first);
  const p2 = rate(second);
  const [l1, u1] = wilsonInterval(first, confidence);
  const [l2, u2] = wilsonInterval(second, confidence);
  const d = p2 - p1;
  return [d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)];
}

/**
 * The smallest difference a two-sided test at `alpha` detects with `power`, for two samples of n1
 * and n2 around the baseline rate: (z₁₋α/₂ + z_power) · √(p(1 − p)(1/n1 + 1/n2)).
 */
export function minimumDetectableDifference(baseline: number, n1: number, n2: number, alpha = ALPHA, power = POWER): number {
  const variance = baseline * (1 - baseline) * (1 / n1 + 1 / n2);
  return (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * Math.sqrt(variance);
}
