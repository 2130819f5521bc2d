/**
 * Topic tagging per clause: a topic is tagged in a clause when one of its keywords (or every word of
 * one of its co-occurrence groups, e.g. 包装 + 破) is there.
 */
import type { TopicMention } from './pipeline/doc.ts';
import type { Clause, TopicDefinition } from './types.ts';
import { hitsByClause, outermostKeywords, type KeywordHit, type KeywordIndex } from './keywords/keyword-index.ts';

/** Topic indexes tagged by a clause's hits (all, and outermost keywords), in taxonomy order. */
export function topicsInClause(index: KeywordIndex, hits: readonly KeywordHit[], keywordHits: readonly KeywordHit[]): number[] {
  if (hits.length === 0) return [];
  const found = new Set<number>();
  for (const h of keywordHits) {
    for (const r of index.refs[h.pattern]!) if (r.kind === 'topic' && r.group === -1) found.add(r.owner);
  }
  // Co-occurrence: owner → group → terms seen.
  let groups: Map<string, Set<number>> | undefined;
  for (const h of hits) {
    for (const r of index.refs[h.pattern]!) {
      if (r.kind !== 'topic' || r.group < 0) continue;
      groups ??= new Map();
      const key = `${r.owner}:${r.group}`;
      let seen = groups.get(key);
      if (!seen) groups.set(key, (seen = new Set()));
      seen.add(h.pattern);
    }
  }
  if (groups) {
    for (const [key, seen] of groups) {
      const [owner, group] = key.split(':').map(Number) as [number, number];
      if (seen.size >= index.cooccurSize('topic', owner, group)) found.add(owner);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** The topics each clause names, by keyword or co-occurrence group, in clause then taxonomy order. */
export function topicMentions(index: KeywordIndex, topics: readonly TopicDefinition[], clauses: readonly Clause[], hits: readonly KeywordHit[]): TopicMention[] {
  const mentions: TopicMention[] = [];
  if (hits.length === 0) return mentions;
  const all = hitsByClause(clauses, hits);
  const keywords = hitsByClause(clauses, outermostKeywords(index, hits, 'topic'));
  clauses.forEach((_, i) => {
    for (const owner of topicsInClause(index, all[i]!, keywords[i]!)) mentions.push({ clause: i, topic: topics[owner]!.id, source: 'rule' });
  });
  return mentions;
}
