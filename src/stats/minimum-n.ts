import { twoSidedZ } from './distributions.ts';

/**
 * Below `min` answers a score is "insufficient data", not a number: the interval would be wider than
 * anything it could tell. `responsesForMargin` says how many are needed for a margin (the half-width
 * of the interval) in the worst case, so the default is a choice that can be checked.
 */
export function hasEnough(n: number, min: number): boolean {
  return n >= min;
}

/**
 * Answers needed for a ±margin interval. Proportions (margin in 0–1): worst case p = 0.5. NPS
 * (margin in points): worst case half promoters, half detractors (variance 1). Means: sd of the scale.
 */
export function responsesForMargin(kind: 'proportion' | 'nps' | 'mean', margin: number, options: { sd?: number; confidence?: number } = {}): number {
  const z = twoSidedZ(options.confidence ?? 0.95);
  const variance = kind === 'proportion' ? 0.25 : kind === 'nps' ? 1 : (options.sd ?? 1) ** 2;
  const m = kind === 'nps' ? margin / 100 : margin;
  return Math.ceil((z * z * variance) / (m * m));
}
