import { InputError } from '../errors/index.ts';

/**
 * The canonical fields an incoming record may carry, and the column names recognised for each by
 * default (the design reference's import names plus common Chinese export headers). Anything else
 * in a row is kept in `meta` unless `--map` names it.
 */
export const FIELD_ALIASES = {
  externalId: ['id', 'external_id', 'externalId', 'review_id', 'session_id', 'post_id'],
  text: ['text', 'review', 'content', 'comment'],
  turns: ['turns', 'messages'],
  rating: ['rating', 'score', 'stars'],
  postedAt: ['posted_at', 'postedAt', 'created_at', 'time', 'date'],
  author: ['author', 'user', 'nickname'],
  region: ['region', 'city', 'province'],
  segment: ['segment'],
  url: ['url', 'link'],
  orderId: ['order_id', 'orderId'],
  platform: ['platform'],
  likes: ['likes', 'like_count'],
  reposts: ['reposts', 'repost_count', 'shares'],
  nps: ['nps', 'nps_score'],
  csat: ['csat', 'csat_score'],
  ces: ['ces', 'ces_score'],
  product: ['product', 'sku', 'product_name'],
} as const;

export type CanonicalField = keyof typeof FIELD_ALIASES;
export const CANONICAL_FIELDS = Object.keys(FIELD_ALIASES) as CanonicalField[];

/** The names users write on the left of `--map` (the import names of the design reference). */
const TARGET_NAMES: Record<string, CanonicalField> = Object.fromEntries(
  CANONICAL_FIELDS.flatMap((field) => [
    [field, field],
    [FIELD_ALIASES[field][0], field],
  ]),
) as Record<string, CanonicalField>;
TARGET_NAMES.id = 'externalId';

/** `--map text=评价内容,rating=评分`: which source column fills which canonical field. */
export type FieldMap = Partial<Record<CanonicalField, string>>;

export function parseFieldMap(spec: string | undefined): FieldMap {
  const map: FieldMap = {};
  if (!spec) return map;
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const target = eq < 0 ? '' : part.slice(0, eq).trim();
    const column = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!target || !column) throw new InputError(`"${part.trim()}" is not target=column (e.g. text=评价内容)`, { field: '--map' });
    const field = TARGET_NAMES[target];
    if (!field) {
      throw new InputError(`unknown target "${target}"; known: ${Object.values(FIELD_ALIASES).map((a) => a[0]).join(', ')}`, { field: '--map' });
    }
    map[field] = column;
  }
  return map;
}

/**
 * Picks the canonical fields out of a row (a CSV/XLSX row or a JSONL object): an explicit mapping
 * first, then the default names (case-insensitive). Columns that fill nothing go to `rest`.
 */
export function pickFields(row: Record<string, unknown>, map: FieldMap = {}): { fields: Partial<Record<CanonicalField, unknown>>; rest: Record<string, unknown> } {
  const byLower = new Map<string, string>();
  for (const key of Object.keys(row)) byLower.set(key.trim().toLowerCase(), key);
  const used = new Set<string>();
  const fields: Partial<Record<CanonicalField, unknown>> = {};
  for (const field of CANONICAL_FIELDS) {
    const mapped = map[field];
    const candidates = mapped !== undefined ? [mapped] : FIELD_ALIASES[field];
    for (const name of candidates) {
      const key = name in row ? name : byLower.get(name.toLowerCase());
      if (key === undefined || used.has(key)) continue;
      used.add(key);
      if (!isBlank(row[key])) fields[field] = row[key];
      break;
    }
  }
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!used.has(key) && !isBlank(value)) rest[key] = value;
  return { fields, rest };
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
