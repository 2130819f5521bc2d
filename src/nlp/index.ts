/** The Chinese NLP core: pure functions and data in, `Analysis` out. No I/O. */
export { createAnalyzer, type Analyzer, type AnalyzerOptions, type Doc } from './analyzer.ts';
export { createPipeline, PipelineError, type Pipeline } from './pipeline/pipeline.ts';
export type { Component } from './pipeline/component.ts';
export type { DocField, TopicMention } from './pipeline/doc.ts';
export { DEFAULT_PIPELINE, RULE_PIPELINE, DEFAULT_MAX_TEXT_LENGTH } from './pipeline/defaults.ts';
export { normalize, hasTraditional } from './normalize.ts';
export { createTokenizer, parseUserDictionary, TOKENIZER_ENGINES, type Tokenizer, type TokenizerEngine, type TokenizerOptions } from './tokenize/index.ts';
export { splitClauses, toTokens } from './clauses.ts';
export { createLexiconScorer, type ClauseScorer } from './sentiment/lexicon-scorer.ts';
export { polarityOf, toSentiment, combineScores } from './sentiment/document.ts';
export * from './types.ts';
