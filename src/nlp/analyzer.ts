/**
 * The analyzer: normalize → tokenize → clauses → clause sentiment → topics (aspects) → alerts →
 * document sentiment. Pure: it gets every asset as data and does no I/O.
 */
import { createAlertDetector } from './alerts.ts';
import { splitClauses, toTokens } from './clauses.ts';
import { KeywordIndex } from './keywords/keyword-index.ts';
import { normalize } from './normalize.ts';
import { clauseSentiment, combineScores, polarityOf, toSentiment, CONTRAST_WEIGHT } from './sentiment/document.ts';
import { createLexiconScorer } from './sentiment/lexicon-scorer.ts';
import { tagAspects } from './topics.ts';
import type { Tokenizer } from './tokenize/index.ts';
import type { AlertMarkers, AlertRule, Analysis, Clause, Lexicon, SentimentClassifier, SentimentMode, TopicDefinition } from './types.ts';

/** The clause score of one weight -2 word (after squashing): what a bare alert keyword counts as. */
const COMPLAINT_SCORE = -0.459;

export interface AnalyzerOptions {
  topics: readonly TopicDefinition[];
  alertRules: readonly AlertRule[];
  /** Advice and reported-speech markers for the rules' guards. */
  alertMarkers?: AlertMarkers | undefined;
  lexicon: Lexicon;
  tokenizer: Tokenizer;
  /** Needed by `model` and `ensemble`. */
  classifier?: SentimentClassifier | undefined;
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

/** The document as it moves through the components (the public result is `Analysis`). */
export interface Doc {
  text: string;
  clauses: Clause[];
  analysis: Analysis;
}

export interface Analyzer {
  readonly mode: SentimentMode;
  /** Lexicon analysis, synchronous: the document score comes from the clause scores. */
  analyze(text: string): Analysis;
  /** Like `analyze`, with the intermediate document (clauses and their scores) for inspection. */
  analyzeDoc(text: string): Doc;
  /** Many texts at once; in `model` and `ensemble` mode the classifier runs on the whole batch. */
  analyzeBatch(texts: readonly string[]): Promise<Analysis[]>;
}

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const mode = options.mode ?? 'lexicon';
  const modelWeight = options.modelWeight ?? 0.5;
  const contrastWeight = options.contrastWeight ?? CONTRAST_WEIGHT;
  if (mode !== 'lexicon' && !options.classifier) {
    throw new Error(`createAnalyzer: sentiment mode "${mode}" needs a classifier`);
  }
  if (!(modelWeight >= 0 && modelWeight <= 1)) throw new Error(`createAnalyzer: modelWeight must be within [0, 1], got ${modelWeight}`);
  const { topics, alertRules, lexicon, tokenizer } = options;
  const index = new KeywordIndex(
    [
      { kind: 'topic', owners: topics },
      { kind: 'alert', owners: alertRules },
    ],
    normalize,
  );
  const scorer = createLexiconScorer(lexicon);
  const detectAlerts = createAlertDetector(index, alertRules, lexicon.negators, options.alertMarkers ?? { advice: [], reported: [] });

  function analyzeDoc(raw: string): Doc {
    const text = normalize(raw);
    const tokens = toTokens(text, text === '' ? [] : tokenizer.cut(text));
    const clauses = splitClauses(text, tokens, lexicon);
    for (const clause of clauses) {
      // A clause that asks or supposes states no opinion (请问会不会变质, 如果好吃就回购).
      clause.score = clause.hypothetical ? 0 : scorer.score(clause.tokens);
    }
    const starts = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) starts[i] = tokens[i]!.start;
    const hits = index.match(text, starts);
    const { alerts, complaintClauses } = detectAlerts(text, clauses, hits);
    // A clause that states an alert keyword is a complaint even where the lexicon found nothing in it
    // (还没发货): it counts as one mildly negative word.
    for (const i of complaintClauses) if (clauses[i]!.score === 0) clauses[i]!.score = COMPLAINT_SCORE;
    const documentScore = clauseSentiment(clauses, contrastWeight);
    let sentences: number[] | undefined;
    const aspects = tagAspects(index, topics, clauses, hits, (clause, i) => {
      if (clause.score >= 0 && complaintClauses.has(i)) return 'negative';
      if (clause.score !== 0 || clause.hypothetical) return polarityOf(clause.score);
      // A clause that names a topic without judging it (冰袋还是冰的) borrows the judgement of its
      // sentence, then of the whole text: the writer's opinion rarely sits in the noun's own clause.
      sentences ??= sentenceScores(text, clauses);
      return polarityOf(sentences[i]! || documentScore);
    });
    return { text, clauses, analysis: { sentiment: toSentiment(documentScore), aspects, alerts } };
  }

  return {
    mode,
    analyze: (text) => analyzeDoc(text).analysis,
    analyzeDoc,
    async analyzeBatch(texts) {
      const docs = texts.map((t) => analyzeDoc(t));
      const classifier = options.classifier;
      if (mode === 'lexicon' || !classifier) return docs.map((d) => d.analysis);
      // A text that only asks or supposes (请问会不会变质？) judges nothing: the classifier, which
      // reads 变质 as complaint, is not asked, and the document stays neutral.
      const usable = docs.flatMap((d, i) => (d.text === '' || onlyAsks(d.clauses) ? [] : [i]));
      const scores = await classifier.scoreBatch(usable.map((i) => docs[i]!.text));
      usable.forEach((i, k) => {
        const modelScore = scores[k] ?? 0;
        const analysis = docs[i]!.analysis;
        analysis.sentiment = toSentiment(mode === 'model' ? modelScore : combineScores(analysis.sentiment.score, modelScore, modelWeight));
      });
      return docs.map((d) => d.analysis);
    },
  };
}

function onlyAsks(clauses: readonly Clause[]): boolean {
  return clauses.length > 0 && clauses.every((c) => c.hypothetical);
}

const SENTENCE_END = /[。！？!?.…\n]/;

/** For each clause, the mean score of the clauses in its sentence (between 。！？). */
function sentenceScores(text: string, clauses: readonly Clause[]): number[] {
  const out = new Array<number>(clauses.length);
  let first = 0;
  let sum = 0;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!;
    sum += clause.score;
    const next = clauses[i + 1];
    const ends = !next || SENTENCE_END.test(text.slice(clause.start + clause.text.length, next.start));
    if (ends) {
      const mean = sum / (i - first + 1);
      for (let k = first; k <= i; k++) out[k] = mean;
      first = i + 1;
      sum = 0;
    }
  }
  return out;
}
