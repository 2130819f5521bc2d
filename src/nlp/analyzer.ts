/**
 * The analyzer: the pipeline of components named by `nlp.pipeline` (default: normalize → tokenize →
 * clauses → clause_sentiment → keywords → alerts → rule_topics → learned_aspects → aspects →
 * document_sentiment → sentiment_model → goods_verdict), built from assets given as data. Pure: no I/O.
 */
import { KeywordIndex } from './keywords/keyword-index.ts';
import { alertKeywordSet } from './alerts.ts';
import { normalize } from './normalize.ts';
import { CONTRAST_WEIGHT } from './sentiment/document.ts';
import { createLexiconScorer } from './sentiment/lexicon-scorer.ts';
import { aspectsComponent, goodsVerdictComponent } from './components/aspects.ts';
import { alertsComponent, keywordsComponent, ruleTopicsComponent } from './components/keywords.ts';
import { learnedAspectsComponent } from './components/learned-aspects.ts';
import { clauseSentimentComponent, documentSentimentComponent, sentimentModelComponent } from './components/sentiment.ts';
import { clausesComponent, normalizeComponent, normalizedComponent, tokenizeComponent } from './components/text.ts';
import type { Component } from './pipeline/component.ts';
import { DEFAULT_MAX_TEXT_LENGTH, DEFAULT_PIPELINE, RULE_PIPELINE } from './pipeline/defaults.ts';
import { toAnalysis, type Doc } from './pipeline/doc.ts';
import { createPipeline, PipelineError, type Pipeline } from './pipeline/pipeline.ts';
import type { Tokenizer } from './tokenize/index.ts';
import { DEFAULT_DOMAIN, DOMAINS, type Domain } from './domains.ts';
import type { AlertMarkers, AlertRule, Analysis, ClauseAspectModel, Lexicon, SentimentClassifier, SentimentMode, TopicDefinition } from './types.ts';

export interface AnalyzerOptions {
  topics: readonly TopicDefinition[];
  alertRules: readonly AlertRule[];
  /** Advice and reported-speech markers for the rules' guards. */
  alertMarkers?: AlertMarkers | undefined;
  lexicon: Lexicon;
  tokenizer: Tokenizer;
  /** Needed by `model` and `ensemble`. */
  classifier?: SentimentClassifier | undefined;
  /** The learned clause topic and polarity model; needed where the pipeline names learned_aspects. */
  aspectModel?: ClauseAspectModel | undefined;
  /** Component names in order. @defaultValue DEFAULT_PIPELINE with an aspect model, RULE_PIPELINE without */
  pipeline?: readonly string[] | undefined;
  /** The domain of an item given without one (`nlp.domain`). @defaultValue 'general' */
  domain?: Domain | undefined;
  /** @defaultValue DEFAULT_MAX_TEXT_LENGTH */
  maxTextLength?: number | undefined;
  /** @defaultValue 'lexicon' */
  mode?: SentimentMode;
  /**
   * Share of the classifier in the ensemble's document score: 0.5 had the best mean accuracy over
   * the 8 held-out domains of `npm run eval:domains` (models/sentiment-zh/README.md). @defaultValue 0.5
   */
  modelWeight?: number;
  /** Weight of a clause after a contrast in the lexicon's document score. @defaultValue 2 */
  contrastWeight?: number;
}

export type { Doc };

export interface Analyzer {
  readonly mode: SentimentMode;
  readonly pipeline: Pipeline;
  /** The domain items without one of their own are analysed under. */
  readonly domain: Domain;
  /** The synchronous components (every rule and the learned aspects; no document model). */
  analyze(text: string, domain?: Domain): Analysis;
  /** Like `analyze`, with the whole document (clauses, mentions, scores) for inspection. */
  analyzeDoc(text: string, domain?: Domain): Doc;
  /**
   * Many texts at once, through every component; batched components run on the whole batch.
   * `domains[i]` (where given) is the domain of `texts[i]`, else the analyzer's own.
   */
  analyzeBatch(texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<Analysis[]>;
}

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const mode = options.mode ?? 'lexicon';
  const modelWeight = options.modelWeight ?? 0.5;
  const contrastWeight = options.contrastWeight ?? CONTRAST_WEIGHT;
  const maxTextLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const domain = options.domain ?? DEFAULT_DOMAIN;
  if (!DOMAINS.includes(domain)) throw new Error(`createAnalyzer: unknown domain "${domain}" (known: ${DOMAINS.join(', ')})`);
  if (mode !== 'lexicon' && !options.classifier) {
    throw new Error(`createAnalyzer: sentiment mode "${mode}" needs a classifier`);
  }
  if (!(modelWeight >= 0 && modelWeight <= 1)) throw new Error(`createAnalyzer: modelWeight must be within [0, 1], got ${modelWeight}`);
  if (!(Number.isInteger(maxTextLength) && maxTextLength >= 100)) throw new Error(`createAnalyzer: maxTextLength must be a whole number of at least 100, got ${maxTextLength}`);
  const names = options.pipeline ?? (options.aspectModel ? DEFAULT_PIPELINE : RULE_PIPELINE);
  if (names.includes('learned_aspects') && !options.aspectModel) {
    throw new PipelineError('nlp.pipeline: "learned_aspects" needs an aspect model (nlp.aspectModel); remove it from the pipeline to run the rules alone');
  }
  const { topics, alertRules, lexicon, tokenizer } = options;
  const index = new KeywordIndex(
    [
      { kind: 'topic', owners: topics },
      { kind: 'alert', owners: alertRules.map(alertKeywordSet) },
    ],
    normalize,
  );
  const available: Component[] = [
    normalizeComponent(maxTextLength),
    normalizedComponent(maxTextLength),
    tokenizeComponent(tokenizer),
    clausesComponent(lexicon),
    clauseSentimentComponent(createLexiconScorer(lexicon)),
    keywordsComponent(index),
    alertsComponent(index, alertRules, options.alertMarkers ?? { advice: [], reported: [] }),
    ruleTopicsComponent(index, topics),
    aspectsComponent({ contrastWeight, mediocre: lexicon.mediocre, foodWords: options.alertMarkers?.food }),
    documentSentimentComponent(contrastWeight),
    sentimentModelComponent(options.classifier, mode, modelWeight),
    goodsVerdictComponent(),
  ];
  if (options.aspectModel) {
    const verdicts = new Set([...lexicon.words.keys(), ...lexicon.degree.keys(), ...lexicon.negators, ...(lexicon.mediocre ?? [])]);
    available.push(learnedAspectsComponent(options.aspectModel, { verdicts }));
  }
  const pipeline = createPipeline(names, new Map(available.map((c) => [c.name, c])));

  return {
    mode,
    pipeline,
    domain,
    analyze: (text, d) => toAnalysis(pipeline.run(text, d ?? domain)),
    analyzeDoc: (text, d) => pipeline.run(text, d ?? domain),
    async analyzeBatch(texts, domains) {
      return (await pipeline.runBatch(texts, texts.map((_, i) => domains?.[i] ?? domain))).map(toAnalysis);
    },
  };
}
