import { InvalidArgumentError } from 'commander';

/** Parses a flag's value as a whole number ≥ 1; commander names the flag in the error. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
