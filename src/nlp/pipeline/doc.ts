/**
 * The document as it moves through the pipeline: each component fills the fields it assigns.
 * `Analysis` (types.ts) is what leaves it.
 */
import type { KeywordHit } from '../keywords/keyword-index.ts';
import type { Domain } from '../domains.ts';
import type { AlertHit, Analysis, Aspect, Clause, DocumentSentiment, Token, TopicId } from '../types.ts';

/** What a component may require or assign: one name per annotation of the Doc. */
export const DOC_FIELDS = ['text', 'tokens', 'clauses', 'clauseScores', 'keywordHits', 'alerts', 'mentions', 'clausePolarity', 'aspects', 'sentiment'] as const;
export type DocField = (typeof DOC_FIELDS)[number];

/** A topic named in one clause, by the rule tagger or a learned one. */
export interface TopicMention {
  clause: number;
  topic: TopicId;
  source: 'rule' | 'model';
}

export interface Doc {
  /** The text as given. */
  raw: string;
  /** What the item's source sells and how it delivers (domains.ts): given with the text. */
  domain: Domain;
  /** Normalized and, past the length cap, cut: what every later component reads. */
  text: string;
  /** The text was longer than the cap; only its head was analysed. */
  truncated: boolean;
  tokens: Token[];
  clauses: Clause[];
  keywordHits: KeywordHit[];
  alerts: AlertHit[];
  /** Indexes of the clauses that state an alert (a complaint even where no sentiment word is). */
  complaints: Set<number>;
  mentions: TopicMention[];
  /** Per clause, P(negative), P(neutral), P(positive) from a learned polarity model, where one runs. */
  clausePolarity: (Float32Array | undefined)[];
  aspects: Aspect[];
  sentiment: DocumentSentiment;
}

export function newDoc(raw: string, domain: Domain): Doc {
  return {
    raw,
    domain,
    text: '',
    truncated: false,
    tokens: [],
    clauses: [],
    keywordHits: [],
    alerts: [],
    complaints: new Set(),
    mentions: [],
    clausePolarity: [],
    aspects: [],
    sentiment: { label: 'neutral', score: 0 },
  };
}

export function toAnalysis(doc: Doc): Analysis {
  const analysis: Analysis = { sentiment: doc.sentiment, aspects: doc.aspects, alerts: doc.alerts };
  if (doc.truncated) analysis.truncated = true;
  return analysis;
}
