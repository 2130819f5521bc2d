/**
 * The clause aspect models in memory and their scoring: a multi-label topic tagger (one logistic
 * output per topic) and a three-way polarity classifier (softmax over negative, neutral, positive),
 * both linear over the same hashed character n-grams. Pure: loading from disk is in model-files.ts.
 */
import type { Polarity, TopicId } from '../nlp/types.ts';
import { clauseFeatures, type HashedSpace } from './features.ts';

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
  summary: Record<string, unknown>;
}

/** The raw scores of every output for a feature set: bias + the mean weight (sum / sqrt(n)). */
export function linearScores(layer: LinearLayer, buckets: number, features: Int32Array, out = new Float32Array(layer.outputs)): Float32Array {
  const scale = features.length === 0 ? 0 : 1 / Math.sqrt(features.length);
  for (let o = 0; o < layer.outputs; o++) {
    let sum = 0;
    const base = o * buckets;
    for (let i = 0; i < features.length; i++) sum += layer.weights[base + features[i]!]!;
    out[o] = layer.bias[o]! + sum * scale;
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

export function predictClause(model: AspectModel, text: string): ClausePrediction {
  const features = clauseFeatures(model.space, text);
  const topics = linearScores(model.tagger, model.space.buckets, features);
  for (let i = 0; i < topics.length; i++) topics[i] = sigmoid(topics[i]!);
  return { topics, polarity: softmax(linearScores(model.polarity, model.space.buckets, features)) };
}
