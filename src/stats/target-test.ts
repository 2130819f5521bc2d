import { normalCdf, studentTCdf } from './distributions.ts';

/**
 * How sure is it that a target is missed? One-sided p-value of "the true value is at the target or
 * better", from an estimate and its standard error: small when the estimate lies well on the wrong
 * side. NPS uses the normal (its delta-method error); means the t distribution with n − 1 degrees.
 */
export function belowTargetPValue(estimate: number, se: number, target: number, dof?: number): number {
  if (se <= 0) return estimate < target ? 0 : 1;
  const t = (estimate - target) / se;
  return dof === undefined ? normalCdf(t) : studentTCdf(t, dof);
}

/** The mirror: "the true value is at the limit or lower" for a value that must stay below a limit. */
export function aboveTargetPValue(estimate: number, se: number, target: number, dof?: number): number {
  return belowTargetPValue(-estimate, se, -target, dof);
}
