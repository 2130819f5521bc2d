import { regularizedBeta } from './distributions.ts';

/** P(X ≥ k) for X ~ Binomial(n, p), exactly (I_p(k, n − k + 1)). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return regularizedBeta(p, k, n - k + 1);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return 1 - binomialUpperTail(k + 1, n, p);
}

export interface RateIncrease {
  /** Events per unit of exposure in the window, and in the baseline. */
  rate: number;
  baselineRate: number;
  /** rate / baselineRate (Infinity when the baseline had none). */
  ratio: number;
  /** One-sided p-value of "the window's rate is no higher than the baseline's". */
  pValue: number;
}

/**
 * Has the rate of events gone up? x events over exposure n in the window against X over N in the
 * baseline (events: items with a negative mention of a topic; exposure: items in the slice, or
 * windows for a plain count). The conditional test for two Poisson counts: given x + X events,
 * under equal rates x ~ Binomial(x + X, n / (n + N)); the p-value is P(≥ x) (as R's
 * `poisson.test(c(x, X), c(n, N), alternative = "greater")`). Exact, so it stays honest with the
 * small counts of one topic in one region.
 */
export function rateIncreaseTest(x: number, n: number, X: number, N: number): RateIncrease {
  if (n <= 0 || N <= 0) throw new RangeError('rateIncreaseTest: exposures must be positive');
  const rate = x / n;
  const baselineRate = X / N;
  const ratio = baselineRate > 0 ? rate / baselineRate : rate > 0 ? Infinity : 1;
  return { rate, baselineRate, ratio, pValue: binomialUpperTail(x, x + X, n / (n + N)) };
}
