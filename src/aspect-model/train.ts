/**
 * Fits the clause aspect models by AdaGrad on sparse hashed n-grams: the topic tagger as one
 * logistic regression per topic, the polarity classifier as a three-way softmax. Deterministic: the
 * order of the examples comes from a seeded shuffle, and nothing else is random.
 */
import type { LinearLayer } from './model.ts';
import { contextScale, featureScale, linearScores, sigmoid, softmax } from './model.ts';
import { seededRandom, shuffled } from '../stats/seeded-random.ts';

export interface TaggerExample {
  features: Int32Array;
  /** Indexes of the topics the clause is tagged with. */
  topics: readonly number[];
  /** Topics this example says nothing about (the review names them, in a clause not yet known). */
  ignore?: readonly number[] | undefined;
  /** The review's context n-grams, where the tagger reads them (shared by its clauses). */
  context?: Int32Array | undefined;
  weight: number;
}

export interface PolarityExample {
  features: Int32Array;
  /** 0 negative, 1 neutral, 2 positive. */
  label: number;
  weight: number;
}

export interface FitOptions {
  buckets: number;
  epochs: number;
  seed: number;
  learningRate: number;
  l2: number;
}

export const FIT_DEFAULTS = { epochs: 6, seed: 1, learningRate: 0.4, l2: 1e-5 } as const;

function emptyLayer(outputs: number, buckets: number): LinearLayer {
  return { outputs, weights: new Float32Array(outputs * buckets), bias: new Float32Array(outputs) };
}

/** AdaGrad on the weights of one output's features `set` (at `base`), all with gradient `g`. */
function update(layer: LinearLayer, squares: Float32Array, set: Int32Array, base: number, g: number, options: FitOptions): void {
  for (let i = 0; i < set.length; i++) {
    const k = base + set[i]!;
    const grad = g + options.l2 * layer.weights[k]!;
    squares[k]! += grad * grad;
    layer.weights[k]! -= (options.learningRate * grad) / Math.sqrt(squares[k]! + 1e-8);
  }
}

/**
 * One AdaGrad step of every output: `gradients[o]` is d(loss)/d(score_o) for this example. The
 * features enter scaled by 1/sqrt(n), as in scoring.
 */
function step(layer: LinearLayer, squares: Float32Array, biasSquares: Float32Array, features: Int32Array, gradients: Float32Array, options: FitOptions, context?: Int32Array): void {
  const scale = featureScale(features.length);
  const cScale = context ? contextScale(context.length) : 0;
  for (let o = 0; o < layer.outputs; o++) {
    const g = gradients[o]!;
    // Most outputs of most examples are already near their target: skipping their tiny updates
    // makes a pass several times faster and changes nothing measurable.
    if (Math.abs(g) < 1e-3) continue;
    const base = o * options.buckets;
    update(layer, squares, features, base, g * scale, options);
    if (context) update(layer, squares, context, base, g * cScale, options);
    biasSquares[o]! += g * g;
    layer.bias[o]! -= (options.learningRate * g) / Math.sqrt(biasSquares[o]! + 1e-8);
  }
}

export function fitTagger(examples: readonly TaggerExample[], topics: number, options: FitOptions): LinearLayer {
  const layer = emptyLayer(topics, options.buckets);
  const squares = new Float32Array(layer.weights.length);
  const biasSquares = new Float32Array(topics);
  const random = seededRandom(options.seed);
  const gradients = new Float32Array(topics);
  const scores = new Float32Array(topics);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const ex of shuffled(examples, random)) {
      linearScores(layer, options.buckets, ex.features, scores, ex.context);
      for (let o = 0; o < topics; o++) gradients[o] = (sigmoid(scores[o]!) - 0) * ex.weight;
      for (const t of ex.topics) gradients[t] = (sigmoid(scores[t]!) - 1) * ex.weight;
      if (ex.ignore) for (const t of ex.ignore) gradients[t] = 0;
      step(layer, squares, biasSquares, ex.features, gradients, options, ex.context);
    }
  }
  return layer;
}

export function fitPolarity(examples: readonly PolarityExample[], options: FitOptions): LinearLayer {
  const classes = 3;
  const layer = emptyLayer(classes, options.buckets);
  const squares = new Float32Array(layer.weights.length);
  const biasSquares = new Float32Array(classes);
  const random = seededRandom(options.seed + 1);
  const gradients = new Float32Array(classes);
  const scores = new Float32Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const ex of shuffled(examples, random)) {
      const p = softmax(linearScores(layer, options.buckets, ex.features, scores));
      for (let o = 0; o < classes; o++) gradients[o] = (p[o]! - (o === ex.label ? 1 : 0)) * ex.weight;
      step(layer, squares, biasSquares, ex.features, gradients, options);
    }
  }
  return layer;
}
