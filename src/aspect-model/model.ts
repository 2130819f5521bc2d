/**
 * The clause aspect models in memory and their scoring: a multi-label topic tagger (one logistic
 * output per topic) and a three-way polarity classifier (softmax over negative, neutral, positive),
 * both linear over the same hashed character n-grams. Pure: loading from disk is in model-files.ts.
 */
import type { Polarity, TopicId } from '../nlp/types.ts';
import { clauseFeatures, reviewContext, type HashedSpace } from './features.ts';

export const POLARITIES = ['negative', 'neutral', 'positive'] as const satisfies readonly Polarity[];

/** Linear outputs over one feature table: `weights[o * buckets + f]`, one bias per output. */
export interface LinearLayer {
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface AspectModel {
  space: HashedSpace;
  topics: readonly TopicId[];
  /** Per topic, the probability at or above which a clause is tagged with it. */
  thresholds: Float32Array;
  tagger: LinearLayer;
  polarity: LinearLayer;
  /** The tagger reads every clause together with its review's context n-grams (contextNgrams). */
  readsContext: boolean;
  /** The polarity classifier was trained, and so must be asked, on keyword-masked clauses. */
  masksKeywords: boolean;
  summary: Record<string, unknown>;
}

/**
 * How much the review's context n-grams weigh beside the clause's own (each set scaled by
 * 1/sqrt(its size), so that a long review does not drown the clause).
 */
const CONTEXT_WEIGHT = 0.5;

export const featureScale = (n: number) => (n === 0 ? 0 : 1 / Math.sqrt(n));
export const contextScale = (n: number) => (n === 0 ? 0 : CONTEXT_WEIGHT / Math.sqrt(n));

/**
 * The raw scores of every output for a feature set: bias + the mean weight (sum / sqrt(n)), plus
 * the review context's where one is given.
 */
export function linearScores(layer: LinearLayer, buckets: number, features: Int32Array, out = new Float32Array(layer.outputs), context?: Int32Array): Float32Array {
  const scale = featureScale(features.length);
  const cScale = context ? contextScale(context.length) : 0;
  for (let o = 0; o < layer.outputs; o++) {
    let sum = 0;
    const base = o * buckets;
    for (let i = 0; i < features.length; i++) sum += layer.weights[base + features[i]!]!;
    let ctx = 0;
    if (context) for (let i = 0; i < context.length; i++) ctx += layer.weights[base + context[i]!]!;
    out[o] = layer.bias[o]! + sum * scale + ctx * cScale;
  }
  return out;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function softmax(scores: Float32Array): Float32Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  const out = new Float32Array(scores.length);
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp(scores[i]! - max);
  for (let i = 0; i < scores.length; i++) out[i]! /= sum;
  return out;
}

export interface ClausePrediction {
  /** Topic probabilities, in the order of `model.topics`. */
  topics: Float32Array;
  /** P(negative), P(neutral), P(positive). */
  polarity: Float32Array;
}

export function predictClause(model: AspectModel, text: string, review?: string): ClausePrediction {
  const features = clauseFeatures(model.space, text);
  const context = model.readsContext && review !== undefined ? reviewContext(model.space, review) : undefined;
  const topics = linearScores(model.tagger, model.space.buckets, features, undefined, context);
  for (let i = 0; i < topics.length; i++) topics[i] = sigmoid(topics[i]!);
  return { topics, polarity: softmax(linearScores(model.polarity, model.space.buckets, features)) };
}
