import { ALPHA, normalQuantile, POWER, rate, twoSidedP, type Proportion } from './two-proportions.ts';

/**
 * Difference in differences of proportions: the pilot's change minus the control's change,
 * (p_pilot,after − p_pilot,before) − (p_control,after − p_control,before). Whatever moved both arms
 * (season, a platform's traffic) cancels; what is left is the change the pilot alone saw. The four
 * samples are independent, so the standard error is the root of the four binomial variances; the
 * test is a two-sided z test, the interval Wald.
 */

export interface DidInput {
  pilotBefore: Proportion;
  pilotAfter: Proportion;
  controlBefore: Proportion;
  controlAfter: Proportion;
}

export interface DidResult {
  effect: number;
  se: number;
  z: number;
  pValue: number;
  ci95: [number, number];
  /** Smallest effect detectable at 80% power, with each arm's before rate as its baseline. */
  mde: number;
}

function variance(p: Proportion): number {
  const r = rate(p);
  return (r * (1 - r)) / p.n;
}

export function differenceInDifferences(input: DidInput, confidence = 0.95): DidResult {
  for (const [name, p] of Object.entries(input)) {
    if (!Number.isInteger(p.x) || !Number.isInteger(p.n) || p.x < 0 || p.n <= 0 || p.x > p.n) {
      throw new RangeError(`${name}: expected 0 ≤ x ≤ n and n > 0 (integers), got x=${p.x}, n=${p.n}`);
    }
  }
  const { pilotBefore, pilotAfter, controlBefore, controlAfter } = input;
  const effect = rate(pilotAfter) - rate(pilotBefore) - (rate(controlAfter) - rate(controlBefore));
  const se = Math.sqrt(variance(pilotBefore) + variance(pilotAfter) + variance(controlBefore) + variance(controlAfter));
  const z = se > 0 ? effect / se : 0;
  const q = normalQuantile(1 - (1 - confidence) / 2);
  const pb = rate(pilotBefore);
  const cb = rate(controlBefore);
  const seNull = Math.sqrt(pb * (1 - pb) * (1 / pilotBefore.n + 1 / pilotAfter.n) + cb * (1 - cb) * (1 / controlBefore.n + 1 / controlAfter.n));
  return {
    effect,
    se,
    z,
    pValue: se > 0 ? twoSidedP(z) : 1,
    ci95: [effect - q * se, effect + q * se],
    mde: (normalQuantile(1 - ALPHA / 2) + normalQuantile(POWER)) * seNull,
  };
}
