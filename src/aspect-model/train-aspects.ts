/**
 * Training the clause aspect models from review-level labels. The labels say which topics a review
 * names, not which clause names them, so the tagger is trained as a multiple-instance problem: a
 * topic the keyword tagger finds in a labelled clause is that clause's; a topic it does not locate
 * is left open in every clause of the review for a first model, then given to the clause that
 * model scores highest (or to the only clause). Weak examples from the unlabelled corpora (the
 * keyword tagger's own topics, at a low weight) widen the vocabulary; document labels of short
 * reviews, and of one-sided longer ones for their topic clauses, teach clause polarity beside the
 * hand-labelled aspects. The tagger reads each clause with its review's n-grams beside it (a
 * phone's 速度慢 is not delivery); the polarity classifier reads the clause with its keywords masked
 * (it learns the judgement, not the topic most often complained of). Thresholds per topic come
 * from out-of-fold predictions on the training reviews alone.
 */
import type { Analyzer, Polarity, TopicId } from '../nlp/index.ts';
import { keywordMasked } from '../nlp/components/learned-aspects.ts';
import { TOPIC_IDS } from '../nlp/types.ts';
import { clauseFeatures, reviewContext, type HashedSpace } from './features.ts';
import { POLARITIES, linearScores, sigmoid, type AspectModel } from './model.ts';
import { seededRandom, shuffled } from '../stats/seeded-random.ts';
import { FIT_DEFAULTS, fitPolarity, fitTagger, type PolarityExample, type TaggerExample } from './train.ts';
import type { CorpusReview } from './corpus.ts';

export interface LabelledClauseReview {
  id: string;
  text: string;
  aspects: readonly (readonly [TopicId, Polarity])[];
}

export interface AspectTrainingOptions {
  buckets?: number;
  epochs?: number;
  seed?: number;
  folds?: number;
  /** Weak (corpus) clauses used at most, and their weight. */
  weakLimit?: number;
  weakWeight?: number;
  /** The beta of the F-score thresholds maximise (below 1: precision weighs more). */
  thresholdBeta?: number;
  /** Whether keyword-tagged corpus clauses train the tagger too (they only repeat the keywords). */
  weakTagger?: boolean;
  /** Whether the polarity classifier reads clauses with their keywords masked. */
  maskKeywords?: boolean;
  /** Whether the tagger reads each clause together with its review's n-grams. */
  context?: boolean;
  /** Whether one-sided corpus reviews of several clauses lend their label to their topic clauses. */
  weakTopicClauses?: boolean;
  /** AdaGrad's step size and the L2 penalty of both models. */
  learningRate?: number;
  l2?: number;
  /** Weak examples already drawn (cross-validation draws them once for every fold). */
  weak?: WeakSet | undefined;
  onStage?: (stage: string) => void;
}

/**
 * Eight passes at a smaller step (0.25) and the weak polarity clauses at twice the old weight (0.3)
 * scored above four passes at 0.4 and 0.15 in 5-fold cross-validation on train under three fold
 * seeds (aspect F1 +0.003 on average, e-commerce +0.006); the analysis costs the same.
 */
export const ASPECT_TRAINING_DEFAULTS = { buckets: 1 << 16, epochs: 8, seed: 1, folds: 4, weakLimit: 20_000, weakWeight: 0.3, weakTagger: false, thresholdBeta: 0.75, maskKeywords: true, context: true, weakTopicClauses: true, learningRate: 0.25, l2: FIT_DEFAULTS.l2 } as const;

const TOPIC_INDEX = new Map<TopicId, number>(TOPIC_IDS.map((t, i) => [t, i]));
const POLARITY_INDEX = new Map<Polarity, number>(POLARITIES.map((p, i) => [p, i]));
/** Threshold candidates; a topic with fewer labelled reviews than MIN_SUPPORT gets none (NEVER). */
const GRID = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const MIN_SUPPORT = 8;

/** A threshold no probability reaches. */
const NEVER = 2;

interface PreparedReview {
  /** `polarityFeatures`: what the polarity classifier reads (the keyword-masked clause, where masking). */
  clauses: {
    text: string;
    features: Int32Array;
    context: Int32Array | undefined;
    polarityFeatures: Int32Array;
    ruleTopics: Set<number>;
    /** The lexicon's score, whether a contrast opens it, whether an alert rule fires in it. */
    score: number;
    afterContrast: boolean;
    complaint: boolean;
  }[];
  topics: Map<number, Polarity[]>;
}

function prepare(analyzer: Analyzer, space: HashedSpace, review: { text: string }, mask: boolean, context: boolean): PreparedReview['clauses'] {
  const doc = analyzer.analyzeDoc(review.text);
  const ctx = context ? reviewContext(space, doc.text) : undefined;
  return doc.clauses.map((c, i) => {
    const own = clauseFeatures(space, c.text);
    const masked = mask ? keywordMasked(c, doc.keywordHits) : c.text;
    return {
      text: c.text,
      features: own,
      context: ctx,
      polarityFeatures: masked === c.text ? own : clauseFeatures(space, masked),
      ruleTopics: new Set(doc.mentions.filter((m) => m.clause === i).map((m) => TOPIC_INDEX.get(m.topic)!)),
      score: c.score,
      afterContrast: c.afterContrast,
      complaint: doc.complaints.has(i),
    };
  });
}

/** Per review, per labelled topic, the clause that holds it (undefined: not located yet). */
function locate(reviews: readonly PreparedReview[], score?: (clause: PreparedReview['clauses'][number]) => Float32Array): Map<number, number | undefined>[] {
  return reviews.map((r) => {
    const out = new Map<number, number | undefined>();
    for (const t of r.topics.keys()) {
      let at = r.clauses.findIndex((c) => c.ruleTopics.has(t));
      if (at < 0 && r.clauses.length === 1) at = 0;
      if (at < 0 && score) {
        let best = -Infinity;
        r.clauses.forEach((c, i) => {
          const s = score(c)[t]!;
          if (s > best) [best, at] = [s, i];
        });
      }
      out.set(t, at < 0 ? undefined : at);
    }
    return out;
  });
}

function taggerExamples(reviews: readonly PreparedReview[], located: readonly Map<number, number | undefined>[]): TaggerExample[] {
  const out: TaggerExample[] = [];
  reviews.forEach((r, k) => {
    r.clauses.forEach((c, i) => {
      const topics: number[] = [];
      const ignore: number[] = [];
      for (const [t, at] of located[k]!) {
        if (at === i) topics.push(t);
        // A topic of the review not yet located says nothing about any of its clauses; one located
        // elsewhere may still be named here too, where the keyword tagger saw it.
        else if (at === undefined || c.ruleTopics.has(t)) ignore.push(t);
      }
      out.push({ features: c.features, context: c.context, topics, ignore, weight: 1 });
    });
  });
  return out;
}

function polarityExamples(reviews: readonly PreparedReview[], located: readonly Map<number, number | undefined>[]): PolarityExample[] {
  const out: PolarityExample[] = [];
  reviews.forEach((r, k) => {
    for (const [t, at] of located[k]!) {
      if (at === undefined) continue;
      const polarities = r.topics.get(t)!;
      // A topic labelled both ways does not say which clause holds which side.
      if (polarities.length !== 1) continue;
      out.push({ features: r.clauses[at]!.polarityFeatures, label: POLARITY_INDEX.get(polarities[0]!)!, weight: 1 });
    }
  });
  return out;
}

export interface WeakSet {
  tagger: TaggerExample[];
  polarity: PolarityExample[];
}

/** Weak examples from the unlabelled reviews: keyword-tagged clauses and short reviews' document labels. */
function oneSided(clauses: PreparedReview['clauses'], label: 0 | 1): boolean {
  return clauses.every((c) => !c.afterContrast && (label === 1 ? c.score >= 0 && !c.complaint : c.score <= 0));
}

export function weakExamples(analyzer: Analyzer, corpus: readonly CorpusReview[], options: Required<Pick<AspectTrainingOptions, 'buckets' | 'seed' | 'weakLimit' | 'weakWeight' | 'weakTagger' | 'maskKeywords' | 'context' | 'weakTopicClauses'>>): WeakSet {
  const space = { buckets: options.buckets };
  const tagger: TaggerExample[] = [];
  const polarity: PolarityExample[] = [];
  for (const review of shuffled(corpus, seededRandom(options.seed + 7))) {
    if (polarity.length >= options.weakLimit) break;
    const clauses = prepare(analyzer, space, review, options.maskKeywords, options.context);
    if (options.weakTagger) for (const c of clauses) tagger.push({ features: c.features, context: c.context, topics: [...c.ruleTopics], weight: options.weakWeight });
    // A review of one clause carries its document label as that clause's polarity.
    if (clauses.length === 1) polarity.push({ features: clauses[0]!.polarityFeatures, label: review.label === 1 ? 2 : 0, weight: options.weakWeight * 2 });
    // A longer review that is one-sided (no contrast, no clause judging against its label) carries
    // its label to every clause naming a topic: praise of packaging is learnt where it is praised.
    else if (options.weakTopicClauses && oneSided(clauses, review.label)) {
      for (const c of clauses) if (c.ruleTopics.size > 0) polarity.push({ features: c.polarityFeatures, label: review.label === 1 ? 2 : 0, weight: options.weakWeight });
    }
  }
  return { tagger, polarity };
}

type FitAllOptions = Required<Omit<AspectTrainingOptions, 'onStage' | 'weak'>>;

function fitAll(reviews: readonly PreparedReview[], weak: WeakSet, options: FitAllOptions) {
  const fit = { buckets: options.buckets, epochs: options.epochs, seed: options.seed, learningRate: options.learningRate, l2: options.l2 };
  // First model: located topics only; then every topic goes to the clause it scores highest in.
  const first = fitTagger([...taggerExamples(reviews, locate(reviews)), ...weak.tagger], TOPIC_IDS.length, fit);
  const located = locate(reviews, (c) => linearScores(first, options.buckets, c.features, undefined, c.context));
  const tagger = fitTagger([...taggerExamples(reviews, located), ...weak.tagger], TOPIC_IDS.length, fit);
  const polarity = fitPolarity([...polarityExamples(reviews, located), ...weak.polarity], fit);
  return { tagger, polarity };
}

function prepareLabelled(analyzer: Analyzer, space: HashedSpace, reviews: readonly LabelledClauseReview[], mask: boolean, context: boolean): PreparedReview[] {
  return reviews.map((r) => {
    const topics = new Map<number, Polarity[]>();
    for (const [t, p] of r.aspects) {
      const i = TOPIC_INDEX.get(t)!;
      topics.set(i, [...(topics.get(i) ?? []), p]);
    }
    return { clauses: prepare(analyzer, space, r, mask, context), topics };
  });
}

/** Per topic, the threshold with the best out-of-fold F1 of review-level detection (rules ∪ model). */
function chooseThresholds(reviews: readonly PreparedReview[], weak: WeakSet, options: FitAllOptions): { thresholds: Float32Array; f1: number[] } {
  const order = shuffled(reviews.map((_, i) => i), seededRandom(options.seed + 3));
  // best[k][t]: the highest clause probability of topic t in review k, from the fold that left k out.
  const best = reviews.map(() => new Float32Array(TOPIC_IDS.length));
  for (let fold = 0; fold < options.folds; fold++) {
    const held = new Set(order.filter((_, i) => i % options.folds === fold));
    const { tagger } = fitAll(reviews.filter((_, i) => !held.has(i)), weak, options);
    for (const k of held) {
      for (const c of reviews[k]!.clauses) {
        const s = linearScores(tagger, options.buckets, c.features, undefined, c.context);
        for (let t = 0; t < TOPIC_IDS.length; t++) best[k]![t] = Math.max(best[k]![t]!, sigmoid(s[t]!));
      }
    }
  }
  const countsAt = (t: number, threshold: number) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    reviews.forEach((r, k) => {
      const got = r.clauses.some((c) => c.ruleTopics.has(t)) || best[k]![t]! >= threshold;
      const want = r.topics.has(t);
      if (got && want) tp++;
      else if (got) fp++;
      else if (want) fn++;
    });
    return { tp, fp, fn };
  };
  // F-beta with beta below 1 weighs precision more: a topic the model adds must rarely be wrong,
  // or it would cost the hand-written cases the keywords already get right.
  const b2 = options.thresholdBeta * options.thresholdBeta;
  const f1 = (c: { tp: number; fp: number; fn: number }) => (c.tp === 0 ? 0 : ((1 + b2) * c.tp) / ((1 + b2) * c.tp + b2 * c.fn + c.fp));
  // A topic with too few labelled reviews to learn from is left to the keyword tagger.
  const rare = TOPIC_IDS.map((_, t) => t).filter((t) => reviews.filter((r) => r.topics.has(t)).length < MIN_SUPPORT);
  const thresholds = new Float32Array(TOPIC_IDS.length);
  const scores: number[] = [];
  TOPIC_IDS.forEach((_, t) => {
    if (rare.includes(t)) {
      thresholds[t] = NEVER;
      scores.push(f1(countsAt(t, NEVER)));
      return;
    }
    let chosen = GRID.at(-1)!;
    let top = -1;
    for (const g of GRID) {
      const s = f1(countsAt(t, g));
      if (s > top) [top, chosen] = [s, g];
    }
    thresholds[t] = chosen;
    scores.push(top);
  });
  return { thresholds, f1: scores };
}

/**
 * @param analyzer a rules-only analyzer (RULE_PIPELINE): it splits clauses and gives the keyword
 * tagger's topics, exactly as at analysis time.
 */
export function trainAspectModel(analyzer: Analyzer, labelled: readonly LabelledClauseReview[], corpus: readonly CorpusReview[], opts: AspectTrainingOptions = {}): AspectModel {
  const options = { ...ASPECT_TRAINING_DEFAULTS, ...opts };
  const { onStage, weak: drawn, ...fitOptions } = options;
  const space = { buckets: options.buckets };
  onStage?.('preparing clauses');
  const reviews = prepareLabelled(analyzer, space, labelled, options.maskKeywords, options.context);
  const weak = drawn ?? weakExamples(analyzer, corpus, options);
  onStage?.(`choosing thresholds (${options.folds}-fold, ${reviews.length} labelled reviews, ${weak.tagger.length} weak clauses)`);
  const { thresholds, f1 } = chooseThresholds(reviews, weak, fitOptions);
  onStage?.('fitting the final models');
  const { tagger, polarity } = fitAll(reviews, weak, fitOptions);
  return {
    space,
    topics: TOPIC_IDS,
    thresholds,
    masksKeywords: options.maskKeywords,
    readsContext: options.context,
    tagger,
    polarity,
    summary: {
      labelledReviews: reviews.length,
      weakClauses: weak.tagger.length,
      weakPolarityClauses: weak.polarity.length,
      epochs: options.epochs,
      seed: options.seed,
      folds: options.folds,
      context: options.context,
      maskKeywords: options.maskKeywords,
      weakTopicClauses: options.weakTopicClauses,
      outOfFoldTopicF1: Object.fromEntries(TOPIC_IDS.map((t, i) => [t, Number(f1[i]!.toFixed(3))])),
    },
  };
}
