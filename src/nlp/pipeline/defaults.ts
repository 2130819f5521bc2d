/** The default pipeline and length cap: one place, read by the analyzer and the config schema. */

/** Every component in its default order (`nlp.pipeline`). */
export const DEFAULT_PIPELINE = [
  'normalize',
  'tokenize',
  'clauses',
  'clause_sentiment',
  'keywords',
  'alerts',
  'rule_topics',
  'learned_aspects',
  'aspects',
  'document_sentiment',
  'sentiment_model',
  'goods_verdict',
] as const;

/** The default pipeline without the learned aspect model (the rules alone). */
export const RULE_PIPELINE = DEFAULT_PIPELINE.filter((n) => n !== 'learned_aspects');

/**
 * Characters of a text that are analysed (`nlp.maxTextLength`); the rest is kept where the text is
 * stored but not analysed, and the analysis says `truncated: true`. Reviews run to a few hundred
 * characters; 20,000 holds a long complaint letter whole while bounding the time one item can take.
 */
export const DEFAULT_MAX_TEXT_LENGTH = 20_000;
