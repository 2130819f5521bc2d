/**
 * The typed document the NLP pipeline builds, and the Analysis it returns. Each component adds one
 * annotation to the Doc; `Analysis` is the public result (the `painpoint analyze` contract).
 */

import type { Domain } from './domains.ts';

export { DOMAINS, DOMAIN_TRAITS, DEFAULT_DOMAIN, type Domain, type DomainTraits } from './domains.ts';
export type Polarity = 'positive' | 'neutral' | 'negative';
/** Alert severities, least urgent first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The 21 topic ids of the taxonomy (fixed ids; their keywords are config). */
export const TOPIC_IDS = [
  'product.quality',
  'product.freshness',
  'product.taste',
  'product.packaging',
  'product.shelf_life',
  'product.portion',
  'product.price',
  'product.variety',
  'product.customization',
  'product.food_safety',
  'delivery.timeliness',
  'delivery.cold_chain',
  'delivery.courier',
  'delivery.accuracy',
  'service.support',
  'service.aftersales',
  'experience.app',
  'experience.payment',
  'brand.trust',
  'loyalty.membership',
  'loyalty.delight',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/** The 8 alert rules and their default severities (fixed). */
export const ALERT_RULE_SEVERITY = {
  food_safety: 'critical',
  spoilage: 'high',
  expired: 'high',
  cold_chain_failure: 'high',
  escalation: 'high',
  late_delivery: 'medium',
  packaging_damage: 'medium',
  churn_risk: 'medium',
} as const satisfies Record<string, Severity>;
export type AlertRuleId = keyof typeof ALERT_RULE_SEVERITY;

export interface Token {
  word: string;
  /** Offset of the word in the normalized text, in UTF-16 code units. */
  start: number;
}

/**
 * What one negator denies, in offsets of the normalized text. A negator before (没有迟到) denies
 * the words that start in [start, end); one after (异味都没有) denies the word that ends in
 * (start, end].
 */
export interface NegationScope {
  negator: string;
  /** Offset of the negator itself. */
  at: number;
  start: number;
  end: number;
  after: boolean;
}

export interface Clause {
  /** The clause as it stands in the normalized text (punctuation trimmed). */
  text: string;
  start: number;
  tokens: Token[];
  /** This clause follows a contrast word (但是, 不过, 就是 …): it carries the writer's point. */
  afterContrast: boolean;
  /** The clause asks or supposes rather than states (请问…吗, 会不会, 担心, 如果). */
  hypothetical: boolean;
  /** What the clause's negators deny (没有迟到, 没坏, 异味也没有): read by every rule kind. */
  negations: readonly NegationScope[];
  /** Signed clause sentiment in [-1, 1]; 0 where nothing points either way. */
  score: number;
}

export interface Aspect {
  topic: TopicId;
  polarity: Polarity;
  /** The clause that says it. */
  evidence: string;
}

export interface AlertHit {
  rule: AlertRuleId | (string & {});
  severity: Severity;
  keyword: string;
  evidence: string;
}

export interface DocumentSentiment {
  label: Polarity;
  score: number;
}

/** The result of analysing one text. */
export interface Analysis {
  sentiment: DocumentSentiment;
  aspects: Aspect[];
  alerts: AlertHit[];
  /** Present (true) where the text was longer than `nlp.maxTextLength` and only its head was analysed. */
  truncated?: true;
}

/**
 * A learned clause model: per clause, the probability of each of its topics (tagged where it
 * reaches that topic's threshold) and P(negative), P(neutral), P(positive).
 */
/** A review's contribution to the topic tagger's scores of each of its clauses (opaque to the caller). */
export interface ReviewContext {
  readonly features: number;
  readonly sums: Float32Array;
}

export interface ClauseAspectModel {
  readonly name: string;
  readonly topics: readonly TopicId[];
  readonly thresholds: Float32Array;
  /**
   * The polarity classifier reads a clause with its keywords masked (keywordMasked): it judges from
   * the words around the topic, not from the topic, which is mostly complained of (包装, 泡沫箱).
   */
  readonly masksKeywords?: boolean | undefined;
  /**
   * The tagger reads each clause in its review: `context` of the review's text, computed once, goes
   * with every clause of it to `tag`. Absent where the model reads clauses alone.
   */
  context?(reviewText: string): ReviewContext;
  /** Per topic (in `topics` order), its probability: a buffer the next call reuses, read it first. */
  tag(text: string, context?: ReviewContext): Float32Array;
  /** P(negative), P(neutral), P(positive) of a clause: asked only where the lexicon leaves it open. */
  polarity(text: string): Float32Array;
}

/**
 * A document-level sentiment classifier (a trained model). Async and batched because a model runs
 * best on many texts at once; it returns, per text, a signed score in [-1, 1] (P(positive) - P(negative)).
 */
export interface SentimentClassifier {
  readonly name: string;
  scoreBatch(texts: readonly string[]): Promise<number[]>;
}

/** The sentiment lexicon as plain data (read from `models/lexicon` by the loader). */
export interface Lexicon {
  /** Word → weight, -5 (worst) … +5 (best), the AFINN range. */
  words: ReadonlyMap<string, number>;
  /** Degree adverb → multiplier of the next sentiment word (0.3 … 2.0). */
  degree: ReadonlyMap<string, number>;
  negators: ReadonlySet<string>;
  /** Contrast word → whether it counts only when it opens a clause (就是, 只是). */
  contrast: ReadonlyMap<string, { initialOnly: boolean }>;
  /** Question and supposition markers (请问, 会不会, 担心, 如果 …). */
  hypothetical: ReadonlySet<string>;
  /** Mediocre judgements (一般, 凑合, 中规中矩): a clause judging a topic only with one leaves it neutral. */
  mediocre?: ReadonlySet<string> | undefined;
}

/** Words that tag a topic or fire a rule: any one keyword, or every word of one co-occurrence group in a clause. */
export interface KeywordSet {
  keywords: readonly string[];
  cooccur: readonly (readonly string[])[];
}

export interface TopicDefinition extends KeywordSet {
  id: TopicId;
}

/** A pattern with `domains` runs only on items of those domains (速度慢 is a late order in takeout, a slow phone elsewhere). */
export type AlertPattern = (
  | { kind: 'negated_attribute'; attributes: readonly string[]; negators: readonly string[]; maxGap: number }
  | { kind: 'sequence'; terms: readonly (readonly string[])[]; maxGap: number }
  | { kind: 'counted_defect'; defects: readonly string[] }
  | { kind: 'duration'; cues: readonly string[]; hourCues: readonly string[]; lateCues: readonly string[]; minMinutes: number; minDays: number; bareHours?: boolean | undefined }
) & { domains?: readonly Domain[] | undefined };

/**
 * A guard applies only to items of its `domains` (all where absent); a `domain` guard holds wherever
 * it applies (spoilage does not fire for a shop that sells no food).
 */
export type AlertGuard = (
  | { kind: 'clause_words'; words: readonly string[]; unless?: readonly string[] | undefined }
  | { kind: 'text_words'; words: readonly string[] }
  | { kind: 'lacks_words'; words: readonly string[]; within: 'sentence' | 'text' }
  | { kind: 'advice' }
  | { kind: 'reported_speech' }
  | { kind: 'domain' }
) & { domains?: readonly Domain[] | undefined };

/** Keywords and co-occurrence groups that fire only on items of these domains (坏了 of food, not of a phone). */
export interface DomainKeywordSet extends KeywordSet {
  domains: readonly Domain[];
}

export interface AlertRule extends KeywordSet {
  id: AlertRuleId | (string & {});
  severity: Severity;
  /** Keywords and groups of some domains only, beside `keywords` and `cooccur`, which fire in every domain. */
  domainKeywords?: readonly DomainKeywordSet[] | undefined;
  /** Rule kinds beyond keywords (negated attribute, sequence, counted defect, duration). */
  patterns?: readonly AlertPattern[] | undefined;
  /** Conditions under which the rule does not fire (clause or text words, advice, reported speech). */
  guards?: readonly AlertGuard[] | undefined;
}

/** Words that mark advice to others (大家别买) and reported speech (听说, 看评论说), for the guards. */
export interface AlertMarkers {
  advice: readonly string[];
  reported: readonly string[];
  /** Words that say a text speaks of food or drink (`markers.food`); the aspects read them too. */
  food?: readonly string[] | undefined;
}

export type SentimentMode = 'lexicon' | 'model' | 'ensemble';
