import { createRequire } from 'node:module';

/**
 * The distributions painpoint's statistics use, from jStat (no hand-written numerics). jStat ships
 * no type declarations; the part used is typed here, so no ambient module declaration is needed.
 */
interface JStat {
  normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
  studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
  ibeta(x: number, a: number, b: number): number;
}

const { jStat } = createRequire(import.meta.url)('jstat') as { jStat: JStat };

export function normalCdf(x: number): number {
  return jStat.normal.cdf(x, 0, 1);
}

export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

export function studentTCdf(x: number, dof: number): number {
  return jStat.studentt.cdf(x, dof);
}

export function studentTQuantile(p: number, dof: number): number {
  return jStat.studentt.inv(p, dof);
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return jStat.ibeta(x, a, b);
}

/** z for a two-sided interval of this confidence (0.95 → 1.96). */
export function twoSidedZ(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}
