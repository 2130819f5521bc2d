/**
 * Trains a hashed n-gram sentiment model: logistic regression over the mean of character 1-3-gram
 * weights (the fastText recipe with the embedding width folded into the output), fitted by AdaGrad
 * on sparse features. What makes it hold up on domains it never saw: classes weighted to balance,
 * n-gram dropout so no single phrase carries a review, L2 pull towards the starting weights, and the
 * average of the weights over epochs, keeping the epoch that scores best on the held-out split.
 */
import { seededRandom, shuffled } from '../stats/seeded-random.ts';
import { CharTokenizer, buildVocabulary } from './char-tokenizer.ts';
import { featureIndices, scoreAllFeatures, scoreFeatures, tableSize, type FeatureSpace } from './features.ts';
import type { NgramModel } from './model-files.ts';

export interface TrainingExample {
  text: string;
  label: 0 | 1;
  /** Where the review comes from (a product category, a platform), for per-domain figures. */
  domain?: string | undefined;
}

export interface TrainOptions {
  epochs?: number;
  /** Share of the examples held out to choose the epoch and report accuracy. */
  validFraction?: number;
  seed?: number;
  /** Warm start: its vocabulary, feature space and weights are the starting point. */
  init?: NgramModel;
  learningRate?: number;
  /** L2 strength pulling weights towards their starting values (zero, or the warm-start model). */
  l2?: number;
  /** Share of a review's n-grams dropped at each training step. */
  dropout?: number;
  bigramBuckets?: number;
  trigramBuckets?: number;
  maxLength?: number;

  onEpoch?: (report: EpochReport) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  validAccuracy: number | undefined;
}

export interface TrainResult<T extends TrainingExample = TrainingExample> {
  model: NgramModel;
  /** The held-out examples (for per-domain figures). */
  valid: T[];
  trainCount: number;
  validCount: number;
  /** Accuracy of the returned model on the held-out split (undefined when nothing was held out). */
  validAccuracy: number | undefined;
  bestEpoch: number;
  seconds: number;
}

export const TRAINING_DEFAULTS = {
  epochs: 12,
  validFraction: 0.1,
  seed: 1,
  learningRate: 1.0,
  l2: 1e-6,
  dropout: 0.2,
  bigramBuckets: 1 << 19,
  trigramBuckets: 1 << 20,
  maxLength: 512,
} as const;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function encodeAll(tokenizer: CharTokenizer, space: FeatureSpace, examples: readonly TrainingExample[]): Int32Array[] {
  const buffer = new Int32Array(3 * tokenizer.maxLength);
  return examples.map((e) => {
    const n = featureIndices(space, tokenizer.encode(e.text), buffer);
    return buffer.slice(0, n);
  });
}

function accuracy(weights: Float32Array, bias: number, features: readonly Int32Array[], labels: readonly (0 | 1)[]): number {
  let right = 0;
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    const s = scoreFeatures(weights, bias, f, f.length);
    if ((s > 0 ? 1 : 0) === labels[i]) right++;
  }
  return features.length ? right / features.length : NaN;
}

/**
 * Each class carries half of the loss whatever its share of the data (waimai is 2:1 negative).
 * Balancing each (domain, class) cell instead was measured and held-out domains did worse: it
 * inflates the smallest categories' few reviews.
 */
export function balancedWeights(examples: readonly TrainingExample[]): Float64Array {
  const counts = [0, 0];
  for (const e of examples) counts[e.label]!++;
  return Float64Array.from(examples, (e) => examples.length / (2 * counts[e.label]!));
}

export function trainModel<T extends TrainingExample>(examples: readonly T[], options: TrainOptions = {}): TrainResult<T> {
  const started = performance.now();
  const o = { ...TRAINING_DEFAULTS, ...options };
  if (examples.length < 2) throw new Error(`training needs at least 2 labelled reviews, got ${examples.length}`);
  if (!(o.validFraction >= 0 && o.validFraction < 1)) throw new Error(`validFraction must be in [0, 1), got ${o.validFraction}`);
  const random = seededRandom(o.seed);
  const order = shuffled(examples, random);
  const validCount = Math.floor(order.length * o.validFraction);
  const valid = order.slice(0, validCount);
  const train = order.slice(validCount);

  const init = o.init;
  const vocab = init ? init.vocab : buildVocabulary(train.map((e) => e.text));
  const space: FeatureSpace = init ? init.space : { vocabSize: vocab.length, bigramBuckets: o.bigramBuckets, trigramBuckets: o.trigramBuckets };
  const maxLength = init ? init.maxLength : o.maxLength;
  const tokenizer = new CharTokenizer(vocab, maxLength);
  const start = init ? init.weights : new Float32Array(tableSize(space));
  const weights = new Float32Array(start);
  let bias = init ? init.bias : 0;
  const squares = new Float32Array(weights.length);
  let biasSquares = 0;

  const trainFeatures = encodeAll(tokenizer, space, train);
  const trainLabels = train.map((e) => e.label);
  const validFeatures = encodeAll(tokenizer, space, valid);
  const validLabels = valid.map((e) => e.label);
  const sampleWeight = balancedWeights(train);

  const average = new Float64Array(weights.length);
  let averageBias = 0;
  let averaged = 0;
  const best = { weights: new Float32Array(weights), bias, accuracy: -1, epoch: 0 };
  const kept = new Int32Array(3 * maxLength);
  const total = o.epochs * train.length;
  let done = 0;

  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const visit = shuffled(
      trainFeatures.map((_, i) => i),
      random,
    );
    let loss = 0;
    for (const i of visit) {
      const all = trainFeatures[i]!;
      let n = 0;
      for (let k = 0; k < all.length; k++) if (o.dropout === 0 || random() >= o.dropout) kept[n++] = all[k]!;
      if (n === 0) kept[n++] = all[0]!;
      const y = trainLabels[i]!;
      const p = sigmoid(scoreAllFeatures(weights, bias, kept, n));
      loss -= sampleWeight[i]! * Math.log(Math.max(1e-12, y ? p : 1 - p));
      const g = sampleWeight[i]! * (p - y);
      const gf = g / n;
      for (let k = 0; k < n; k++) {
        const f = kept[k]!;
        const grad = gf + o.l2 * (weights[f]! - start[f]!);
        squares[f]! += grad * grad;
        weights[f]! -= (o.learningRate * grad) / Math.sqrt(squares[f]! + 1e-8);
      }
      biasSquares += g * g;
      bias -= (o.learningRate * g) / Math.sqrt(biasSquares + 1e-8);
      if (++done % 2000 === 0) o.onProgress?.(done, total);
    }
    for (let f = 0; f < weights.length; f++) average[f]! += weights[f]!;
    averageBias += bias;
    averaged++;
    const candidate = new Float32Array(average.length);
    for (let f = 0; f < average.length; f++) candidate[f] = average[f]! / averaged;
    const candidateBias = averageBias / averaged;
    const validAccuracy = validFeatures.length ? accuracy(candidate, candidateBias, validFeatures, validLabels) : undefined;
    o.onEpoch?.({ epoch, loss: loss / train.length, validAccuracy });
    // Without a held-out split the last average is kept; with one, the best average so far.
    if (validAccuracy === undefined || validAccuracy > best.accuracy) {
      best.weights = candidate;
      best.bias = candidateBias;
      best.accuracy = validAccuracy ?? -1;
      best.epoch = epoch;
    }
  }
  o.onProgress?.(total, total);

  const model: NgramModel = {
    vocab,
    maxLength,
    space,
    weights: best.weights,
    bias: best.bias,
    summary: {},
  };
  return {
    model,
    valid,
    trainCount: train.length,
    validCount,
    validAccuracy: validFeatures.length ? best.accuracy : undefined,
    bestEpoch: best.epoch,
    seconds: (performance.now() - started) / 1000,
  };
}
