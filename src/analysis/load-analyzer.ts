/**
 * The edge between the disk and the pure NLP core: reads the user dictionary, the lexicon, the
 * taxonomy and the alert rules named in the config, builds the tokenizer and returns an Analyzer.
 */
import fs from 'node:fs';
// The leaf modules, not the config barrel: every analyzer thread loads this module, and the barrel
// would bring the whole application config schema (and the modules it names) with it for nothing.
import type { Config } from '../config/index.ts';
import { resolveFromRoot } from '../config/paths.ts';
import { loadYamlFile } from '../config/yaml-file.ts';
import { alertsSchema } from '../config/schema/alerts.ts';
import { taxonomySchema } from '../config/schema/taxonomy.ts';
import { ConfigError } from '../errors/index.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import {
  ALERT_RULE_SEVERITY,
  TOPIC_IDS,
  PipelineError,
  createAnalyzer,
  createTokenizer,
  normalize,
  type AlertMarkers,
  type ClauseAspectModel,
  type AlertRule,
  type Analyzer,
  type SentimentClassifier,
  type SentimentMode,
  type TokenizerEngine,
  type TopicDefinition,
} from '../nlp/index.ts';
import { readLexicon } from './lexicon-files.ts';
// The loader alone, not the sentiment-model barrel: every analyzer thread loads this module, and the
// barrel would bring training, evaluation and the labelled-CSV reader with it for nothing.
import { loadSentimentClassifier } from '../sentiment-model/load-classifier.ts';
import { loadClauseAspectModel } from '../aspect-model/classifier.ts';

export interface LoadAnalyzerOptions {
  /** Sentiment model directory (default: `nlp.sentimentModel`). */
  sentimentModel?: string | undefined;
  /** Default: `nlp.sentiment`. */
  mode?: SentimentMode | undefined;
  /** Default: `nlp.pipeline`. */
  pipeline?: readonly string[] | undefined;
  /** Aspect model directory (default: `nlp.aspectModel`). */
  aspectModel?: string | undefined;
  /** An aspect model already in memory (evaluation of a freshly trained one), instead of the directory. */
  aspectModelInstance?: ClauseAspectModel | undefined;
  /** Default: `nlp.tokenizer`. */
  tokenizer?: TokenizerEngine | undefined;
  logger?: Logger | undefined;
}

export function loadTopics(file: string): TopicDefinition[] {
  const parsed = loadYamlFile(taxonomySchema, file);
  return TOPIC_IDS.map((id) => ({ id, keywords: parsed.topics[id].keywords, cooccur: parsed.topics[id].cooccur }));
}

export function loadAlertRules(file: string): AlertRule[] {
  return loadAlertConfig(file).rules;
}

/** The rules of `config/alerts.yaml` and the advice and reported-speech markers their guards use. */
export function loadAlertConfig(file: string): { rules: AlertRule[]; markers: AlertMarkers } {
  const parsed = loadYamlFile(alertsSchema, file);
  for (const [id, rule] of Object.entries(parsed.rules)) refuseNormalizedTwins(file, id, rule);
  const rules = Object.entries(parsed.rules).map(([id, rule]) => ({
    id,
    severity: rule.severity ?? ALERT_RULE_SEVERITY[id as keyof typeof ALERT_RULE_SEVERITY],
    keywords: rule.keywords,
    cooccur: rule.cooccur,
    domainKeywords: rule.domainKeywords,
    patterns: rule.patterns,
    guards: rule.guards,
  }));
  return { rules, markers: parsed.markers };
}

/**
 * Keywords are matched in normalized text, so two spellings of one word (壞了 and 坏了, ＡＢＣ and abc)
 * are one keyword: listed both everywhere and for some domains, it would fire everywhere and read as
 * though it did not. The schema refuses the same spelling twice; this, the same word.
 */
function refuseNormalizedTwins(file: string, id: string, rule: { keywords: readonly string[]; domainKeywords: readonly { keywords: readonly string[] }[] }): void {
  const seen = new Map<string, string>();
  const check = (w: string, key: string) => {
    const n = normalize(w);
    const first = seen.get(n);
    if (first !== undefined) throw new ConfigError(`the keyword "${w}" is "${n}" once normalized, as at ${first}: list it once`, { file, key: `rules.${id}.${key}` });
    seen.set(n, key);
  };
  rule.keywords.forEach((w, i) => check(w, `keywords.${i}`));
  rule.domainKeywords.forEach((set, s) => set.keywords.forEach((w, i) => check(w, `domainKeywords.${s}.keywords.${i}`)));
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file }, err);
  }
}

/**
 * The sentiment classifier for `model` and `ensemble` mode. A missing or broken model directory is a
 * ConfigError naming the path and what is missing: asking for a model and silently getting the
 * lexicon would hide a broken deployment.
 */
async function loadClassifier(dir: string, logger: Logger): Promise<SentimentClassifier | undefined> {
  const classifier = await loadSentimentClassifier(dir);
  logger.debug({ sentimentModel: dir, classifier: classifier.name }, 'sentiment model loaded');
  return classifier;
}

export async function loadAnalyzer(config: Readonly<Config>, options: LoadAnalyzerOptions = {}): Promise<Analyzer> {
  const nlp = config.nlp;
  const logger = options.logger ?? createLogger({ name: 'analyzer' });
  const userDictionary = readText(resolveFromRoot(nlp.userDictionary), 'user dictionary');
  const lexicon = readLexicon(resolveFromRoot(nlp.lexicon));
  const topics = loadTopics(resolveFromRoot(nlp.taxonomy));
  const { rules: alertRules, markers: alertMarkers } = loadAlertConfig(resolveFromRoot(nlp.alerts));
  const tokenizer = await createTokenizer(options.tokenizer ?? nlp.tokenizer, { userDictionary });

  let mode = options.mode ?? nlp.sentiment;
  let classifier: SentimentClassifier | undefined;
  if (mode !== 'lexicon') {
    classifier = await loadClassifier(resolveFromRoot(options.sentimentModel ?? nlp.sentimentModel), logger);
    if (!classifier) mode = 'lexicon';
  }
  const pipeline = options.pipeline ?? nlp.pipeline;
  const aspectModel = !pipeline.includes('learned_aspects') ? undefined : (options.aspectModelInstance ?? loadClauseAspectModel(resolveFromRoot(options.aspectModel ?? nlp.aspectModel)));
  try {
    return createAnalyzer({ topics, alertRules, alertMarkers, lexicon, tokenizer, classifier, mode, aspectModel, pipeline, maxTextLength: nlp.maxTextLength, domain: nlp.domain });
  } catch (err) {
    // A misordered or unknown component is a configuration mistake: say so with the key.
    if (err instanceof PipelineError) throw new ConfigError(err.message.replace(/^nlp\.pipeline: /, ''), { key: 'nlp.pipeline' }, err);
    throw err;
  }
}
