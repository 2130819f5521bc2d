/** Document sentiment from the clause scores, and its combination with a classifier's score. */
import type { Clause, DocumentSentiment, Polarity } from '../types.ts';

/** The clause after a contrast says what the writer means: it weighs this much more than the rest. */
export const CONTRAST_WEIGHT = 2;

/**
 * Scores within this distance of 0 are reported as 0 (neutral): the contract wants the score's sign
 * to be the label, and 0 only where nothing points either way.
 */
const ZERO = 0.005;

export function polarityOf(score: number): Polarity {
  return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
}

/** Rounds to three decimals and snaps near-zero to 0, so that the label is the score's sign. */
export function toSentiment(score: number): DocumentSentiment {
  const clamped = Math.max(-1, Math.min(1, score));
  const rounded = Math.abs(clamped) < ZERO ? 0 : Math.round(clamped * 1000) / 1000;
  return { label: polarityOf(rounded), score: rounded };
}

/** Weighted mean of the clauses that carry sentiment; clauses after a contrast weigh more. */
export function clauseSentiment(clauses: readonly Clause[], contrastWeight = CONTRAST_WEIGHT): number {
  let sum = 0;
  let weights = 0;
  for (const c of clauses) {
    if (c.score === 0) continue;
    const w = c.afterContrast ? contrastWeight : 1;
    sum += c.score * w;
    weights += w;
  }
  return weights === 0 ? 0 : sum / weights;
}

/**
 * Ensemble: the classifier's document score weighted `modelWeight`, the lexicon's the rest. When
 * the lexicon found nothing, the classifier alone decides.
 */
export function combineScores(lexiconScore: number, modelScore: number, modelWeight: number): number {
  if (lexiconScore === 0) return modelScore;
  return modelWeight * modelScore + (1 - modelWeight) * lexiconScore;
}
