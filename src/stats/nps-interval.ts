import { twoSidedZ } from './distributions.ts';
import { DEFAULT_CONFIDENCE, type Interval } from './interval.ts';

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsEstimate extends Interval {
  /** Standard error of the NPS, in points. */
  se: number;
}

/**
 * NPS = 100 × (p_promoters − p_detractors), with its interval from the multinomial variance by the
 * delta method: Var = (p_P + p_D − (p_P − p_D)²) / n. The answers are one multinomial sample
 * (promoter / passive / detractor), so the two shares are not independent: the covariance term is
 * what the usual "two proportions" shortcut gets wrong.
 */
export function npsInterval(counts: NpsCounts, confidence = DEFAULT_CONFIDENCE): NpsEstimate {
  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  if (n < 1) throw new RangeError('npsInterval: no responses');
  const pP = promoters / n;
  const pD = detractors / n;
  const nps = 100 * (pP - pD);
  const se = 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / n);
  const half = twoSidedZ(confidence) * se;
  return { estimate: nps, lower: Math.max(-100, nps - half), upper: Math.min(100, nps + half), n, se, confidence };
}

/** The classes of a 0–10 answer: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsClass(score: number): keyof NpsCounts {
  return score >= 9 ? 'promoters' : score >= 7 ? 'passives' : 'detractors';
}
