import type { ScoresConfig, TargetsConfig } from '../config/schema/scores.ts';
import { meanInterval } from '../stats/mean-interval.ts';
import { hasEnough } from '../stats/minimum-n.ts';
import { npsInterval } from '../stats/nps-interval.ts';
import { wilsonInterval } from '../stats/proportion-interval.ts';
import { belowTargetPValue } from '../stats/target-test.ts';
import { npsResponses, type ScoreTally } from './score-tally.ts';

export const SCORE_NAMES = ['nps', 'csat', 'csat_satisfied', 'ces'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

/** A score with its interval, or "insufficient data" below the minimum number of answers. */
export type ScoreEstimate =
  | {
      status: 'estimate';
      n: number;
      value: number;
      lower: number;
      upper: number;
      /** Standard error (the test against the target uses it). */
      se: number;
      target?: number | undefined;
      /** The point estimate against the target. */
      verdict?: 'met' | 'missed' | undefined;
      /** One-sided p-value of "the target is met" (small: missed for sure). */
      p_missed?: number | undefined;
    }
  | { status: 'insufficient data'; n: number; min: number };

export interface EstimateSettings {
  scores: Pick<ScoresConfig, 'minResponses' | 'confidence'>;
  targets: TargetsConfig;
}

/** NPS, CSAT mean, CSAT satisfied share (4–5) and CES mean of one tally, each with its interval. */
export function estimateScores(t: ScoreTally, s: EstimateSettings): Record<ScoreName, ScoreEstimate> {
  const { minResponses: min, confidence } = s.scores;
  const npsN = npsResponses(t);
  const withTarget = (e: Extract<ScoreEstimate, { status: 'estimate' }>, target: number | undefined, dof?: number): ScoreEstimate =>
    target === undefined
      ? e
      : { ...e, target, verdict: e.value >= target ? 'met' : 'missed', p_missed: belowTargetPValue(e.value, e.se, target, dof) };

  const nps: ScoreEstimate = !hasEnough(npsN, min)
    ? { status: 'insufficient data', n: npsN, min }
    : (() => {
        const i = npsInterval(t, confidence);
        return withTarget({ status: 'estimate', n: npsN, value: i.estimate, lower: i.lower, upper: i.upper, se: i.se }, s.targets.nps);
      })();
  const mean = (n: number, sum: number, sumSquares: number, target: number): ScoreEstimate => {
    if (!hasEnough(n, Math.max(2, min))) return { status: 'insufficient data', n, min };
    const i = meanInterval({ n, sum, sumSquares }, confidence, { min: 1, max: 5 });
    return withTarget({ status: 'estimate', n, value: i.estimate, lower: i.lower, upper: i.upper, se: i.se }, target, n - 1);
  };
  const satisfied: ScoreEstimate = !hasEnough(t.csatN, min)
    ? { status: 'insufficient data', n: t.csatN, min }
    : (() => {
        const i = wilsonInterval(t.csatSatisfied, t.csatN, confidence);
        return { status: 'estimate', n: t.csatN, value: i.estimate, lower: i.lower, upper: i.upper, se: Math.sqrt((i.estimate * (1 - i.estimate)) / t.csatN) };
      })();
  return {
    nps,
    csat: mean(t.csatN, t.csatSum, t.csatSumSquares, s.targets.csat),
    csat_satisfied: satisfied,
    ces: mean(t.cesN, t.cesSum, t.cesSumSquares, s.targets.ces),
  };
}
