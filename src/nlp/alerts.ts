/**
 * Alert rules: a rule fires on one of its keywords (or every word of one co-occurrence group) in a
 * clause that states rather than asks or supposes, where no negator stands just before the keyword.
 * 一点都没变质, 没有迟到, 担心会不会化掉, 请问会不会变质 raise nothing; 不会再买 and 不新鲜 carry
 * their negator inside the keyword and fire. A rule's domain keywords fire only on items of their
 * domains (坏了 of food).
 */
import type { AlertHit, AlertMarkers, AlertRule, Clause, KeywordSet } from './types.ts';
import { alternation, compilePattern, requiredChars } from './alert-patterns.ts';
import { DOMAIN_TRAITS, DOMAINS, type Domain } from './domains.ts';
import { GLUED_NEGATORS, inNegationScope } from './negation.ts';
import { normalize } from './normalize.ts';
import { hitsByClause, outermostKeywords, type KeywordHit, type KeywordIndex } from './keywords/keyword-index.ts';

export interface AlertResult {
  alerts: AlertHit[];
  /** Indexes of the clauses that state an alert keyword (each rule is reported once, from its first). */
  complaintClauses: Set<number>;
}

const SENTENCE_END = /[。！？!?…\n]/;

/** What the detection of one text has found so far. */
interface Detection {
  text: string;
  clauses: readonly Clause[];
  domain: Domain;
  complaintClauses: Set<number>;
  /** The first hit of each rule that fired, by rule index. */
  fired: Map<number, AlertHit>;
  /**
   * Whether a guard holds, by rule and clause: decided once, since a long clause full of hits would
   * otherwise search its whole text for every guard word at every hit.
   */
  guards: Map<number, boolean>;
}

/**
 * Every word the keyword index must find for a rule: its keywords and groups, then those of its
 * domain keywords in order (the detector finds a group's domains by its place in this list).
 */
export function alertKeywordSet(rule: AlertRule): KeywordSet {
  const sets = rule.domainKeywords ?? [];
  if (sets.length === 0) return rule;
  return { keywords: [...rule.keywords, ...sets.flatMap((s) => s.keywords)], cooccur: [...rule.cooccur, ...sets.flatMap((s) => s.cooccur)] };
}

/** Per rule, the domains of each domain keyword (by index pattern) and of each co-occurrence group (by its place); absent where every domain. */
function domainScopes(index: KeywordIndex, rules: readonly AlertRule[]) {
  const ids = new Map(index.patterns.map((p, id) => [p, id]));
  return rules.map((rule) => {
    const keywords = new Map<number, readonly Domain[]>();
    const groups: (readonly Domain[] | undefined)[] = rule.cooccur.map(() => undefined);
    for (const set of rule.domainKeywords ?? []) {
      for (const k of set.keywords) {
        const id = ids.get(normalize(k));
        if (id !== undefined) keywords.set(id, [...(keywords.get(id) ?? []), ...set.domains]);
      }
      for (let g = 0; g < set.cooccur.length; g++) groups.push(set.domains);
    }
    // A word that is also one of the rule's keywords for every domain (its Traditional form) fires everywhere.
    for (const k of rule.keywords) keywords.delete(ids.get(normalize(k))!);
    return { keywords, groups };
  });
}

/**
 * The alert rules compiled once: keyword and co-occurrence hits come from the shared KeywordIndex;
 * patterns run per clause; guards veto a rule's hit in a clause.
 */
export function createAlertDetector(index: KeywordIndex, rules: readonly AlertRule[], markers: AlertMarkers) {
  // Every pattern of every rule, with a table from character to the patterns that need it: one pass
  // over a clause tells which patterns can match there at all.
  const patterns = rules.flatMap((r, owner) => (r.patterns ?? []).map((p) => ({ owner, kind: p.kind, match: compilePattern(p), chars: requiredChars(p), domains: p.domains })));
  const needs = new Uint32Array(0x10000);
  // A mask holds 32 patterns; any beyond (a large set of rules of one's own) skip the pre-check.
  patterns.forEach((p, k) => {
    if (k < 32) for (let i = 0; i < p.chars.length; i++) needs[p.chars.charCodeAt(i)]! |= 1 << k;
  });
  const candidates = (text: string) => {
    let mask = 0;
    for (let i = 0; i < text.length; i++) mask |= needs[text.charCodeAt(i)]!;
    return mask;
  };
  const scopes = domainScopes(index, rules);
  const keywordOn = (owner: number, pattern: number, domain: Domain) => {
    const domains = scopes[owner]!.keywords.get(pattern);
    return domains === undefined || domains.includes(domain);
  };
  const scoped = scopes.some((s) => s.keywords.size > 0);
  /** Whether the pattern is an alert keyword of some rule, but of none in this domain. */
  const offIn = (pattern: number, domain: Domain) => {
    let keyword = false;
    for (const r of index.refs[pattern]!) {
      if (r.kind !== 'alert' || r.group !== -1) continue;
      if (keywordOn(r.owner, pattern, domain)) return false;
      keyword = true;
    }
    return keyword;
  };
  // Built once: per domain, 1 for each index pattern that is a domain keyword switched off there.
  const offByDomain = scoped ? new Map(DOMAINS.map((d) => [d, Uint8Array.from(index.patterns, (_, p) => (offIn(p, d) ? 1 : 0))])) : undefined;
  const advice = markers.advice.length > 0 ? new RegExp(alternation(markers.advice)) : undefined;
  const reported = markers.reported.length > 0 ? new RegExp(alternation(markers.reported)) : undefined;

  /** Whether one of the rule's guards holds for clause `c` of an item of `domain`. */
  function guarded(rule: AlertRule, text: string, clauses: readonly Clause[], c: number, domain: Domain): boolean {
    for (const g of rule.guards ?? []) {
      if (g.domains && !g.domains.includes(domain)) continue;
      switch (g.kind) {
        case 'domain':
          return true;
        case 'clause_words':
          if (g.words.some((w) => clauses[c]!.text.includes(w)) && !g.unless?.some((w) => clauses[c]!.text.includes(w))) return true;
          break;
        case 'lacks_words': {
          const where = g.within === 'text' ? text : topicSentence(text, clauses, c);
          if (!g.words.some((w) => where.includes(w))) return true;
          break;
        }
        case 'text_words':
          if (g.words.some((w) => text.includes(w))) return true;
          break;
        case 'advice':
          if (advice?.test(clauses[c]!.text)) return true;
          break;
        case 'reported_speech':
          if (reported && reportedIn(text, clauses, c, reported)) return true;
          break;
      }
    }
    return false;
  }

  /**
   * Rule `owner` fires on clause `c` unless a guard holds there. A function of the detector taking
   * the text's detection, not a closure made per text: the sources run with their function names
   * kept, which costs a named closure a property definition each time it is made.
   */
  function fire(d: Detection, owner: number, c: number, keyword: string): void {
    const rule = rules[owner]!;
    const key = owner * d.clauses.length + c;
    let isGuarded = d.guards.get(key);
    if (isGuarded === undefined) d.guards.set(key, (isGuarded = guarded(rule, d.text, d.clauses, c, d.domain)));
    if (isGuarded) return;
    d.complaintClauses.add(c);
    if (!d.fired.has(owner)) d.fired.set(owner, { rule: rule.id, severity: rule.severity, keyword, evidence: d.clauses[c]!.text });
  }

  return function detectAlerts(text: string, clauses: readonly Clause[], hits: readonly KeywordHit[], domain: Domain): AlertResult {
    const traits = DOMAIN_TRAITS[domain];
    const d: Detection = { text, clauses, domain, complaintClauses: new Set(), fired: new Map(), guards: new Map() };
    const allByClause = hitsByClause(clauses, hits);
    // A domain keyword off in this domain is no keyword here: it must not hide a shorter one inside it.
    const off = offByDomain?.get(domain);
    const keywordHits = off ? hits.filter((h) => off[h.pattern] === 0) : hits;
    const keywordsByClause = hitsByClause(clauses, outermostKeywords(index, keywordHits, 'alert'));
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c]!;
      if (clause.hypothetical) continue;

      for (const h of keywordsByClause[c]!) {
        if (inNegationScope(clause.negations, h.start, h.end)) continue;
        for (const r of index.refs[h.pattern]!) {
          if (r.kind === 'alert' && r.group === -1 && keywordOn(r.owner, h.pattern, domain)) fire(d, r.owner, c, index.patterns[h.pattern]!);
        }
      }

      // Co-occurrence groups: every term stated in this clause.
      let seen: Map<number, { owner: number; terms: KeywordHit[] }> | undefined;
      for (const h of allByClause[c]!) {
        for (const r of index.refs[h.pattern]!) {
          if (r.kind !== 'alert' || r.groupId < 0 || inNegationScope(clause.negations, h.start, h.end)) continue;
          const domains = scopes[r.owner]!.groups[r.group];
          if (domains && !domains.includes(domain)) continue;
          seen ??= new Map();
          let group = seen.get(r.groupId);
          if (group === undefined) seen.set(r.groupId, (group = { owner: r.owner, terms: [] }));
          if (!group.terms.some((x) => x.pattern === h.pattern)) group.terms.push(h);
        }
      }
      if (seen) {
        for (const [groupId, { owner, terms }] of seen) {
          if (terms.length < index.groupSize(groupId)) continue;
          fire(d, owner, c, terms.map((h) => index.patterns[h.pattern]!).join('+'));
        }
      }

      const mask = patterns.length === 0 ? 0 : candidates(clause.text);
      for (let k = 0; k < patterns.length; k++) {
        const p = patterns[k]!;
        if (k < 32 && (mask & (1 << k)) === 0) continue;
        if (p.domains && !p.domains.includes(domain)) continue;
        const m = p.match(clause, c, clauses, traits);
        if (!m) continue;
        const at = clause.start + m.at;
        // A negator just before the whole match denies it (没有两个小时才到 is rare; 没有烂的两个 is not).
        const denied = p.kind === 'duration' ? waitDenied(clause, at) : inNegationScope(clause.negations, at, at + m.keyword.length);
        if (denied && !startsWithNegator(m.keyword)) continue;
        fire(d, p.owner, c, m.keyword);
      }
    }
    const alerts = d.fired.size === 0 ? [] : [...d.fired.entries()].sort((a, b) => a[0] - b[0]).map(([, hit]) => hit);
    return { alerts, complaintClauses: d.complaintClauses };
  };
}

function startsWithNegator(keyword: string): boolean {
  return GLUED_NEGATORS.has(keyword[0]!) || keyword.startsWith('一点');
}

/** Whether the text between clauses k-1 and k ends a sentence. */
function endsSentence(text: string, clauses: readonly Clause[], k: number): boolean {
  const prev = clauses[k - 1]!;
  return SENTENCE_END.test(text.slice(prev.start + prev.text.length, clauses[k]!.start));
}

/** The sentence that holds clause `c` (its clauses up to the sentence punctuation either side). */
function sentenceText(text: string, clauses: readonly Clause[], c: number): string {
  let first = c;
  while (first > 0 && !endsSentence(text, clauses, first)) first--;
  let last = c;
  while (last + 1 < clauses.length && !endsSentence(text, clauses, last + 1)) last++;
  return text.slice(clauses[first]!.start, clauses[last]!.start + clauses[last]!.text.length);
}

/** Longest verdict that continues the sentence before it rather than naming its own topic (超级慢, 太慢了吧). */
const BARE_VERDICT = 5;

/**
 * The sentence of clause `c`, and the one before where `c` is a bare verdict standing alone
 * (物流选邮政！超级慢。: the 慢 is the delivery's).
 */
function topicSentence(text: string, clauses: readonly Clause[], c: number): string {
  const own = sentenceText(text, clauses, c);
  if (c === 0 || own.length > BARE_VERDICT || !endsSentence(text, clauses, c)) return own;
  return sentenceText(text, clauses, c - 1) + own;
}

/** Reported speech in the clause, or earlier in its sentence (看评论说有人吃了拉肚子). */
function reportedIn(text: string, clauses: readonly Clause[], c: number, reported: RegExp): boolean {
  for (let k = c; k >= 0; k--) {
    if (reported.test(clauses[k]!.text)) return true;
    // 结果我吃了也拉肚子, 但是…: the writer's own turn ends the hearsay before it.
    if (clauses[k]!.afterContrast || OWN_TURN.test(clauses[k]!.text)) return false;
    if (k > 0 && endsSentence(text, clauses, k)) return false;
  }
  return false;
}

/** Clause openings where the writer speaks for themself again after reporting others. */
const OWN_TURN = /^(?:结果|其实|实际上|事实上|然而|没想到|我)/;

/** What may stand between a negator and the span it denies: 没等两个小时, 不用等一个小时, 不到一个小时. */
const WAIT_VERB = /^(?:等了?|等到|用了?|用等|要|花了?|到)?$/;

/**
 * A wait is denied by a negator right before it, or before only its verb (没等两个小时); not by one
 * further off (没分一个多小时送过来 denies the 分, and the wait stands).
 */
function waitDenied(clause: Clause, at: number): boolean {
  return clause.negations.some((n) => !n.after && at >= n.start && at < n.end && WAIT_VERB.test(clause.text.slice(n.at + n.negator.length - clause.start, at - clause.start)));
}
