/**
 * One automaton for every keyword of the taxonomy and the alert rules. Matching runs on characters
 * (one pass, no regex per keyword); a match counts only where it lines up with the tokens, so 化了
 * is found in 已经化了 but not in 变化了, and 臭 not in 臭豆腐.
 */
import type { KeywordSet } from '../types.ts';
import { AhoCorasick } from './aho-corasick.ts';
import { codeUnitSet } from '../code-unit-set.ts';

export type KeywordKind = 'topic' | 'alert';

/** What a pattern means to one owner: a keyword of it, or a term of one of its co-occurrence groups. */
export interface PatternRef {
  kind: KeywordKind;
  /** Index of the topic or rule in the list the index was built from. */
  owner: number;
  /** -1 for a keyword; otherwise the co-occurrence group the term belongs to. */
  group: number;
  /**
   * For a group's term, the group's number across the index (see groupSize), so that a clause's terms
   * are counted per group without a key built from kind, owner and group; -1 for a keyword.
   */
  groupId: number;
}

export interface KeywordHit {
  start: number;
  end: number;
  pattern: number;
}

// A single-character degree adverb or negator glued to a keyword by the segmenter (太慢, 好辣, 没化)
// still lets the keyword start inside that token.
const SOFT_PREFIX = codeUnitSet('太很好超真巨贼挺蛮最更特不没又也都全');
// A particle glued after a keyword (化了 as one token) still lets the keyword end inside it.
const SOFT_SUFFIX = codeUnitSet('了的啊啦呢吧呀哦喔嘛');

const KIND_BIT: Record<KeywordKind, number> = { topic: 1, alert: 2 };

export class KeywordIndex {
  private readonly automaton = new AhoCorasick();
  private readonly patternIds = new Map<string, number>();
  private readonly groupIds = new Map<string, number>();
  /** The distinct terms of each co-occurrence group, by groupId. */
  private readonly groupTerms: Set<number>[] = [];
  /** Per pattern, a bit for each kind it is a keyword of (KIND_BIT): read for every hit. */
  private readonly keywordKinds: number[] = [];
  readonly patterns: string[] = [];
  readonly refs: PatternRef[][] = [];
  // Reused between calls: analysis is synchronous, so one buffer per index is enough.
  private startOk = new Uint8Array(256);
  private endOk = new Uint8Array(256);

  /**
   * @param normalizeKeyword applied to every keyword so that config written in Traditional or
   * full-width form matches normalized text.
   */
  constructor(
    sets: ReadonlyArray<{ kind: KeywordKind; owners: readonly KeywordSet[] }>,
    normalizeKeyword: (k: string) => string = (k) => k,
  ) {
    for (const { kind, owners } of sets) {
      owners.forEach((set, owner) => {
        for (const k of set.keywords) this.register(normalizeKeyword(k), { kind, owner, group: -1, groupId: -1 });
        set.cooccur.forEach((terms, group) => {
          const key = `${kind}:${owner}:${group}`;
          let groupId = this.groupIds.get(key);
          if (groupId === undefined) {
            groupId = this.groupTerms.length;
            this.groupIds.set(key, groupId);
            this.groupTerms.push(new Set());
          }
          for (const t of terms) this.register(normalizeKeyword(t), { kind, owner, group, groupId });
        });
      });
    }
    this.automaton.build();
  }

  private register(pattern: string, ref: PatternRef): void {
    if (pattern === '') return;
    let id = this.patternIds.get(pattern);
    if (id === undefined) {
      id = this.automaton.add(pattern);
      this.patternIds.set(pattern, id);
      this.patterns.push(pattern);
      this.refs.push([]);
      this.keywordKinds.push(0);
    }
    this.refs[id]!.push(ref);
    if (ref.groupId >= 0) this.groupTerms[ref.groupId]!.add(id);
    else this.keywordKinds[id]! |= KIND_BIT[ref.kind];
  }

  /** How many distinct terms the co-occurrence group `groupId` has (all must be seen in one clause). */
  groupSize(groupId: number): number {
    return this.groupTerms[groupId]!.size;
  }

  /** Whether the pattern is a keyword (not only a group's term) of some owner of `kind`. */
  isKeyword(pattern: number, kind: KeywordKind): boolean {
    return (this.keywordKinds[pattern]! & KIND_BIT[kind]) !== 0;
  }

  /**
   * Every keyword occurrence in `text` that lines up with the token boundaries, in order of start.
   * `tokens` are the text's tokens, by offset ascending; the text ends the last one.
   */
  match(text: string, tokens: readonly { readonly start: number }[]): KeywordHit[] {
    const n = text.length;
    if (this.startOk.length < n + 1) {
      this.startOk = new Uint8Array(n * 2 + 1);
      this.endOk = new Uint8Array(n * 2 + 1);
    } else {
      this.startOk.fill(0, 0, n + 1);
      this.endOk.fill(0, 0, n + 1);
    }
    const startOk = this.startOk;
    const endOk = this.endOk;
    for (let t = 0; t < tokens.length; t++) {
      const s = tokens[t]!.start;
      const e = t + 1 < tokens.length ? tokens[t + 1]!.start : n;
      startOk[s] = 1;
      endOk[e] = 1;
      if (e - s > 1) {
        if (SOFT_PREFIX[text.charCodeAt(s)] === 1) startOk[s + 1] = 1;
        if (SOFT_SUFFIX[text.charCodeAt(e - 1)] === 1) endOk[e - 1] = 1;
      }
    }
    const hits: KeywordHit[] = [];
    this.automaton.scan(text, (start, end, pattern) => {
      // A keyword of two or more characters needs only its start on a boundary: the segmenter often
      // glues what follows to it (价格便宜). A single character needs both ends (臭 is not in 臭豆腐).
      if (startOk[start] === 1 && (end - start > 1 || endOk[end] === 1)) hits.push({ start, end, pattern });
    });
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    return hits;
  }
}

/**
 * The hits that are keywords of `kind` and not inside a longer keyword of the same kind: 漏 inside
 * 漏发 is a missing item, not a leak; 新鲜 inside 不新鲜 is not praise.
 */
export function outermostKeywords(index: KeywordIndex, hits: readonly KeywordHit[], kind: KeywordKind): KeywordHit[] {
  // Hits come sorted by start, longer first: a hit lies inside an earlier one exactly when some
  // earlier hit reaches at least as far, so one sweep finds them.
  const out: KeywordHit[] = [];
  let reach = -1;
  for (const h of hits) {
    if (!index.isKeyword(h.pattern, kind)) continue;
    if (h.end > reach) {
      out.push(h);
      reach = h.end;
    }
  }
  return out;
}

/** Hits (sorted by start) bucketed by the clause that holds them; clauses are in text order. */
export function hitsByClause(clauses: readonly { start: number; text: string }[], hits: readonly KeywordHit[]): (readonly KeywordHit[])[] {
  // Most clauses hold no keyword: they share one empty list instead of allocating their own.
  const buckets = new Array<KeywordHit[]>(clauses.length).fill(NO_HITS);
  let c = 0;
  for (const h of hits) {
    while (c < clauses.length && clauses[c]!.start + clauses[c]!.text.length <= h.start) c++;
    if (c === clauses.length) break;
    const clause = clauses[c]!;
    if (h.start >= clause.start && h.end <= clause.start + clause.text.length) {
      if (buckets[c] === NO_HITS) buckets[c] = [];
      buckets[c]!.push(h);
    }
  }
  return buckets;
}

const NO_HITS: KeywordHit[] = [];
