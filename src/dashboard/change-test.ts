/**
 * Whether a count changed between two periods of the same length more than chance would: under
 * "no change", each of the n = now + before mentions falls in either period with probability ½, so
 * `now` is Binomial(n, ½) and the exact two-sided p-value follows. Below MIN_MENTIONS there is too
 * little to tell.
 */

export const MIN_CHANGE_MENTIONS = 10;
export const SIGNIFICANCE = 0.05;

export type ChangeVerdict = { verdict: 'insufficient'; n: number } | { verdict: 'significant' | 'not_significant'; n: number; p: number };

/** Exact two-sided binomial test of `now` against `before` (p = ½), computed in log space. */
export function binomialTwoSided(now: number, before: number): number {
  const n = now + before;
  if (n === 0) return 1;
  const k = Math.min(now, before);
  // log C(n, i) - n log 2, for i = 0..k, summed stably.
  let logC = 0;
  const logs: number[] = [];
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    logs.push(logC - n * Math.LN2);
  }
  const max = Math.max(...logs);
  const tail = Math.exp(max) * logs.reduce((s, l) => s + Math.exp(l - max), 0);
  // The two tails are equal by symmetry; when k is the middle itself, the whole mass is 1.
  return Math.min(1, 2 * tail);
}

export function changeVerdict(now: number, before: number): ChangeVerdict {
  const n = now + before;
  if (n < MIN_CHANGE_MENTIONS) return { verdict: 'insufficient', n };
  const p = binomialTwoSided(now, before);
  return { verdict: p < SIGNIFICANCE ? 'significant' : 'not_significant', n, p };
}
