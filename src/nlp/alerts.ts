/**
 * Alert rules: a rule fires on one of its keywords (or every word of one co-occurrence group) in a
 * clause that states rather than asks or supposes, where no negator stands just before the keyword.
 * 一点都没变质, 没有迟到, 担心会不会化掉, 请问会不会变质 raise nothing; 不会再买 and 不新鲜 carry
 * their negator inside the keyword and fire.
 */
import type { AlertHit, AlertRule, Clause, Token } from './types.ts';
import { deniedAfter } from './negation.ts';
import { hitsByClause, outermostKeywords, type KeywordHit, type KeywordIndex } from './keywords/keyword-index.ts';

/** How many tokens before a keyword a negator still negates it (没有出现任何变质). */
const NEGATION_SCOPE = 3;
/** Negating characters that the segmenter may glue to the keyword itself (没坏, 不漏). */
const GLUED_NEGATORS = new Set(['不', '没', '未', '无', '别']);

/** Whether the keyword at [at, end) is denied: a negator before it (or glued to it), or 都没有 after it. */
export function isNegated(text: string, tokens: readonly Token[], at: number, end: number, negators: ReadonlySet<string>): boolean {
  let last = tokens.length - 1;
  while (last > 0 && tokens[last]!.start >= end) last--;
  let t = last;
  while (t > 0 && tokens[t]!.start > at) t--;
  const own = tokens[t];
  if (!own) return false;
  if (own.start < at && GLUED_NEGATORS.has(text[at - 1]!)) return true;
  for (let k = t - 1; k >= 0 && k >= t - NEGATION_SCOPE; k--) {
    if (negators.has(tokens[k]!.word)) return true;
  }
  return deniedAfter((k) => tokens[k]?.word, last);
}

export interface AlertResult {
  alerts: AlertHit[];
  /** Indexes of the clauses that state an alert keyword (each rule is reported once, from its first). */
  complaintClauses: Set<number>;
}

export function detectAlerts(
  text: string,
  index: KeywordIndex,
  rules: readonly AlertRule[],
  clauses: readonly Clause[],
  hits: readonly KeywordHit[],
  negators: ReadonlySet<string>,
): AlertResult {
  const complaintClauses = new Set<number>();
  if (hits.length === 0) return { alerts: [], complaintClauses };
  const allByClause = hitsByClause(clauses, hits);
  const keywordsByClause = hitsByClause(clauses, outermostKeywords(index, hits, 'alert'));
  const fired = new Map<number, AlertHit>();
  for (let c = 0; c < clauses.length; c++) {
    const clause = clauses[c]!;
    if (clause.hypothetical) continue;

    for (const h of keywordsByClause[c]!) {
      if (isNegated(text, clause.tokens, h.start, h.end, negators)) continue;
      for (const r of index.refs[h.pattern]!) {
        if (r.kind !== 'alert' || r.group !== -1) continue;
        complaintClauses.add(c);
        if (fired.has(r.owner)) continue;
        const rule = rules[r.owner]!;
        fired.set(r.owner, { rule: rule.id, severity: rule.severity, keyword: index.patterns[h.pattern]!, evidence: clause.text });
      }
    }

    // Co-occurrence groups: every term stated in this clause.
    let seen: Map<string, KeywordHit[]> | undefined;
    for (const h of allByClause[c]!) {
      for (const r of index.refs[h.pattern]!) {
        if (r.kind !== 'alert' || r.group < 0 || fired.has(r.owner) || isNegated(text, clause.tokens, h.start, h.end, negators)) continue;
        seen ??= new Map();
        const key = `${r.owner}:${r.group}`;
        const list = seen.get(key) ?? [];
        if (!list.some((x) => x.pattern === h.pattern)) list.push(h);
        seen.set(key, list);
      }
    }
    if (!seen) continue;
    for (const [key, list] of seen) {
      const [owner, group] = key.split(':').map(Number) as [number, number];
      if (fired.has(owner) || list.length < index.cooccurSize('alert', owner, group)) continue;
      const rule = rules[owner]!;
      const keyword = list.map((h) => index.patterns[h.pattern]!).join('+');
      fired.set(owner, { rule: rule.id, severity: rule.severity, keyword, evidence: clause.text });
      complaintClauses.add(c);
    }
  }
  return { alerts: [...fired.entries()].sort((a, b) => a[0] - b[0]).map(([, hit]) => hit), complaintClauses };
}
