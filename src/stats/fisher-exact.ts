/**
 * Fisher's exact test of a 2×2 table
 *
 *           success  failure
 *   first      a        b
 *   second     c        d
 *
 * The two-sided p-value sums the hypergeometric probabilities of every table with the same margins
 * that is no more likely than the one observed (the convention of R's fisher.test). Used where
 * counts are too small for the z test's normal approximation.
 */

export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** ln(n!) by summing logarithms once up to the largest n asked for (tables here are small). */
const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

function logHypergeometric(a: number, row1: number, row2: number, col1: number): number {
  const b = row1 - a;
  const c = col1 - a;
  const d = row2 - c;
  const n = row1 + row2;
  return (
    logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(n - col1) -
    logFactorial(n) - logFactorial(a) - logFactorial(b) - logFactorial(c) - logFactorial(d)
  );
}

/** Largest table (total count) the exact test is computed for; beyond it the z test is accurate. */
export const FISHER_MAX_TOTAL = 1_000_000;

export function fisherExactTwoSided(table: TwoByTwo): number {
  const { a, b, c, d } = table;
  for (const [name, v] of Object.entries(table)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`Fisher exact test: cell ${name} must be a non-negative integer, got ${v}`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  if (row1 + row2 > FISHER_MAX_TOTAL) throw new RangeError(`Fisher exact test: ${row1 + row2} counts is more than ${FISHER_MAX_TOTAL}`);
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const observed = logHypergeometric(a, row1, row2, col1);
  // Relative tolerance as in R, so that tables exactly as likely as the observed one are counted.
  const limit = observed + Math.log1p(1e-7);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logHypergeometric(x, row1, row2, col1);
    if (lp <= limit) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
