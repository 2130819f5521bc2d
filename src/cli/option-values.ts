import { InvalidArgumentError } from 'commander';
import { InputError } from '../errors/index.ts';

/** Parses a flag's value as a whole number ≥ 1; commander names the flag in the error. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** Parses a comma-separated list of whole numbers ≥ 1 (`1,2,3`), each once. */
export function positiveIntList(value: string): number[] {
  const out = value.split(',').map((p) => positiveInt(p.trim()));
  if (new Set(out).size !== out.length) throw new InvalidArgumentError(`expected each number once; got "${value}"`);
  return out;
}

/** Accumulates a repeatable flag (`--filter a=1 --filter b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function formatFlag(value: string): 'table' | 'json' {
  if (value !== 'table' && value !== 'json') throw new InputError(`expected table or json, got "${value}"`, { field: '--format' });
  return value;
}
