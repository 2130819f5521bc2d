import { DEFAULT_CONFIDENCE } from './interval.ts';
import { seededRandom } from './seeded-random.ts';

export interface BootstrapOptions {
  /** @defaultValue 1000 */
  resamples?: number;
  /** The same seed gives the same interval, so a figure quoted twice reads the same. @defaultValue 1 */
  seed?: number;
  /** @defaultValue DEFAULT_CONFIDENCE */
  confidence?: number;
}

/**
 * Percentile bootstrap interval of a statistic over `units` independent units (reviews): each
 * resample draws `units` of them with replacement, and the statistic reads how many times each was
 * drawn (`draws[i]`). Resampling whole units keeps what is correlated within one (the aspects of a
 * review) together, which a per-instance formula would treat as independent.
 */
export function bootstrapInterval(units: number, statistic: (draws: Uint32Array) => number, options: BootstrapOptions = {}): { lower: number; upper: number } {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  if (units === 0) return { lower: Number.NaN, upper: Number.NaN };
  const random = seededRandom(options.seed ?? 1);
  const draws = new Uint32Array(units);
  const values = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    draws.fill(0);
    for (let k = 0; k < units; k++) draws[Math.floor(random() * units)]!++;
    values[r] = statistic(draws);
  }
  values.sort();
  const tail = (1 - confidence) / 2;
  const at = (q: number) => values[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))]!;
  return { lower: at(tail), upper: at(1 - tail) };
}
