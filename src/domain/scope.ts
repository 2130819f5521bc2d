/**
 * Where a root cause was found or an improvement is tried: `region=华南`, `source=jd-flagship` …,
 * over the feedback columns the tallies keep. Repeating a key widens it (region=华南 region=华东);
 * different keys narrow it. Stored as {"region": ["华南", "华东"]}.
 */
export const SCOPE_KEYS = ['channel', 'source', 'region', 'segment'] as const;
export type ScopeKey = (typeof SCOPE_KEYS)[number];
export type Scope = Partial<Record<ScopeKey, string[]>>;

/** The scope of `key=value` pairs, or a sentence naming the pair that is wrong. */
export function parseScope(pairs: readonly string[]): Scope | string {
  const scope: Scope = {};
  for (const pair of pairs) {
    const m = /^([a-z]+)\s*=\s*(.+)$/.exec(pair.trim());
    if (!m) return `"${pair}" is not key=value (e.g. region=华南)`;
    const key = m[1] as ScopeKey;
    if (!(SCOPE_KEYS as readonly string[]).includes(key)) return `"${m[1]}" is not a scope key (${SCOPE_KEYS.join(', ')})`;
    const values = (scope[key] ??= []);
    if (!values.includes(m[2]!.trim())) values.push(m[2]!.trim());
  }
  return scope;
}

export function formatScope(scope: Scope | null | undefined): string {
  if (!scope) return '';
  const parts = Object.entries(scope).flatMap(([k, vs]) => (vs ?? []).map((v) => `${k}=${v}`));
  return parts.length ? parts.join(' ') : 'everything';
}
