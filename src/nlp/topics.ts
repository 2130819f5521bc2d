/**
 * Topic tagging per clause: a topic is tagged in a clause when one of its keywords (or every word of
 * one of its co-occurrence groups, e.g. 包装 + 破) is there.
 */
import type { TopicMention } from './pipeline/doc.ts';
import type { Clause, TopicDefinition } from './types.ts';
import { hitsByClause, outermostKeywords, type KeywordHit, type KeywordIndex } from './keywords/keyword-index.ts';

/** Topic indexes tagged by a clause's hits (all, and outermost keywords), in taxonomy order. */
export function topicsInClause(index: KeywordIndex, hits: readonly KeywordHit[], keywordHits: readonly KeywordHit[]): number[] {
  const found: number[] = [];
  if (hits.length === 0) return found;
  for (const h of keywordHits) {
    for (const r of index.refs[h.pattern]!) if (r.kind === 'topic' && r.groupId < 0 && !found.includes(r.owner)) found.push(r.owner);
  }
  // Co-occurrence: how many distinct terms of each group the clause holds. A clause holds a few
  // hits, so a term seen before is found by looking back over them.
  let seen: Map<number, number> | undefined;
  for (let k = 0; k < hits.length; k++) {
    const pattern = hits[k]!.pattern;
    if (hasPatternBefore(hits, k, pattern)) continue;
    for (const r of index.refs[pattern]!) {
      if (r.kind !== 'topic' || r.groupId < 0) continue;
      seen ??= new Map();
      const terms = (seen.get(r.groupId) ?? 0) + 1;
      seen.set(r.groupId, terms);
      if (terms === index.groupSize(r.groupId) && !found.includes(r.owner)) found.push(r.owner);
    }
  }
  return found.sort((a, b) => a - b);
}

function hasPatternBefore(hits: readonly KeywordHit[], k: number, pattern: number): boolean {
  for (let j = 0; j < k; j++) if (hits[j]!.pattern === pattern) return true;
  return false;
}

/** The topics each clause names, by keyword or co-occurrence group, in clause then taxonomy order. */
export function topicMentions(index: KeywordIndex, topics: readonly TopicDefinition[], clauses: readonly Clause[], hits: readonly KeywordHit[]): TopicMention[] {
  const mentions: TopicMention[] = [];
  if (hits.length === 0) return mentions;
  const all = hitsByClause(clauses, hits);
  const keywords = hitsByClause(clauses, outermostKeywords(index, hits, 'topic'));
  for (let i = 0; i < clauses.length; i++) {
    for (const owner of topicsInClause(index, all[i]!, keywords[i]!)) mentions.push({ clause: i, topic: topics[owner]!.id, source: 'rule' });
  }
  return mentions;
}
