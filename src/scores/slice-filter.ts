import { MONITOR_DIMENSIONS, type MonitorDimension } from '../config/schema/monitors.ts';
import { InputError } from '../errors/index.ts';

/** The dimensions feedback is sliced by: columns of feedback, the tallies and feedback_daily. */
export const DIMENSIONS = MONITOR_DIMENSIONS;
export type Dimension = MonitorDimension;

/** Only items with these values (`--filter region=华南`, a monitor's `filter:`). */
export type SliceFilter = Partial<Record<Dimension, string>>;

export function isDimension(name: string): name is Dimension {
  return (DIMENSIONS as readonly string[]).includes(name);
}

/** `--filter key=value`, repeatable; a key twice is an error (the filters would exclude everything). */
export function parseFilters(specs: readonly string[], flag = '--filter'): SliceFilter {
  const filter: SliceFilter = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = eq < 0 ? spec.trim() : spec.slice(0, eq).trim();
    const value = eq < 0 ? '' : spec.slice(eq + 1).trim();
    if (!isDimension(key)) throw new InputError(`"${spec}": unknown key "${key}" (expected one of ${DIMENSIONS.join(', ')})`, { field: flag });
    if (eq < 0) throw new InputError(`"${spec}" is not key=value (e.g. region=华南)`, { field: flag });
    if (filter[key] !== undefined) throw new InputError(`${key} is filtered twice`, { field: flag });
    filter[key] = value;
  }
  return filter;
}

/** The filter as the SQL files take it: one parameter per dimension, null for "any". */
export function filterParams(filter: SliceFilter): (string | null)[] {
  return DIMENSIONS.map((d) => filter[d] ?? null);
}

/** Whether a row with these dimension values passes the filter. */
export function passes(row: Readonly<Record<Dimension, string>>, filter: SliceFilter): boolean {
  for (const d of DIMENSIONS) if (filter[d] !== undefined && row[d] !== filter[d]) return false;
  return true;
}

/** `--by`: dimensions (and, where allowed, `week`) to group by, each once. */
export function parseGroupBy<T extends string>(specs: readonly string[], allowed: readonly T[], flag = '--by'): T[] {
  const out: T[] = [];
  for (const spec of specs.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)) {
    if (!(allowed as readonly string[]).includes(spec)) throw new InputError(`unknown "${spec}" (expected ${allowed.join(', ')})`, { field: flag });
    if (!out.includes(spec as T)) out.push(spec as T);
  }
  return out;
}
