/**
 * The aspect model as the NLP core's ClauseAspectModel: the TypeScript fast path, no runtime. For
 * speed the weights are laid out feature by feature (featureMajor) and the clause's features and
 * topic probabilities live in reused buffers (read the topics before the next call); the arithmetic
 * is that of model.ts, which the tests hold this to.
 */
import path from 'node:path';
import type { ClauseAspectModel, ReviewContext } from '../nlp/types.ts';
import { contextNgrams, hashedNgrams } from './features.ts';
import { contextScale, featureScale, type AspectModel, type LinearLayer } from './model.ts';
import { loadAspectModel } from './model-files.ts';

interface FeatureMajor {
  /** Where each feature's weights start in `rows`, or -1 where they are all zero. */
  rowAt: Int32Array;
  rows: Float32Array;
}

/**
 * A layer's weights feature-major (one feature's outputs side by side: one cache line instead of
 * one per output), with the features whose weights are all zero left out: n-grams never seen in
 * training, most of the table (58% of the shipped tagger's) and a fifth of what clauses hold. Those
 * cost a clause one lookup instead of an add per output, and the table shrinks from 5.5 MB to 2.3
 * MB. The sums are the same floats: the same weights added in the same order, a zero changing none.
 */
function featureMajor(layer: LinearLayer, buckets: number): FeatureMajor {
  const outputs = layer.outputs;
  const rowAt = new Int32Array(buckets).fill(-1);
  let kept = 0;
  for (let f = 0; f < buckets; f++) {
    for (let o = 0; o < outputs; o++) {
      if (layer.weights[o * buckets + f] !== 0) {
        rowAt[f] = kept++ * outputs;
        break;
      }
    }
  }
  const rows = new Float32Array(kept * outputs);
  for (let f = 0; f < buckets; f++) {
    const row = rowAt[f]!;
    if (row >= 0) for (let o = 0; o < outputs; o++) rows[row + o] = layer.weights[o * buckets + f]!;
  }
  return { rowAt, rows };
}

export function clauseAspectModel(model: AspectModel, name = 'clause-aspects'): ClauseAspectModel {
  const buckets = model.space.buckets;
  const topics = model.tagger.outputs;
  const { rowAt: taggerAt, rows: tagger } = featureMajor(model.tagger, buckets);
  const { rowAt: polarityAt, rows: polarity } = featureMajor(model.polarity, buckets);
  let buffer = new Int32Array(256);
  const polarityOf = (n: number, p: Float32Array) => {
    const scale = n === 0 ? 0 : 1 / Math.sqrt(n);
    let max = -Infinity;
    for (let o = 0; o < 3; o++) max = Math.max(max, (p[o] = model.polarity.bias[o]! + p[o]! * scale));
    let sum = 0;
    for (let o = 0; o < 3; o++) sum += p[o] = Math.exp(p[o]! - max);
    for (let o = 0; o < 3; o++) p[o]! /= sum;
    return p;
  };
  // The caller reads the topic probabilities before the next call: one buffer serves every clause.
  const t = new Float32Array(topics);
  return {
    name,
    topics: model.topics,
    thresholds: model.thresholds,
    masksKeywords: model.masksKeywords,
    ...(model.readsContext
      ? {
          context(reviewText: string): ReviewContext {
            if (buffer.length < reviewText.length * 3) buffer = new Int32Array(reviewText.length * 6);
            const n = contextNgrams(model.space, reviewText, buffer);
            const sums = new Float32Array(topics);
            for (let i = 0; i < n; i++) {
              const tb = taggerAt[buffer[i]!]!;
              if (tb >= 0) for (let o = 0; o < topics; o++) sums[o]! += tagger[tb + o]!;
            }
            return { features: n, sums };
          },
        }
      : {}),
    tag(text, context) {
      if (buffer.length < text.length * 3) buffer = new Int32Array(text.length * 6);
      const n = hashedNgrams(model.space, text, buffer);
      t.fill(0);
      for (let i = 0; i < n; i++) {
        const tb = taggerAt[buffer[i]!]!;
        if (tb >= 0) for (let o = 0; o < topics; o++) t[o]! += tagger[tb + o]!;
      }
      const scale = featureScale(n);
      const cScale = context ? contextScale(context.features) : 0;
      for (let o = 0; o < topics; o++) t[o] = 1 / (1 + Math.exp(-(model.tagger.bias[o]! + t[o]! * scale + (context ? context.sums[o]! * cScale : 0))));
      return t;
    },
    polarity(text) {
      if (buffer.length < text.length * 3) buffer = new Int32Array(text.length * 6);
      const n = hashedNgrams(model.space, text, buffer);
      const p = new Float32Array(3);
      for (let i = 0; i < n; i++) {
        const pb = polarityAt[buffer[i]!]!;
        if (pb < 0) continue;
        p[0]! += polarity[pb]!;
        p[1]! += polarity[pb + 1]!;
        p[2]! += polarity[pb + 2]!;
      }
      return polarityOf(n, p);
    },
  };
}

export function loadClauseAspectModel(dir: string): ClauseAspectModel {
  return clauseAspectModel(loadAspectModel(dir), `clause-aspects:${path.basename(path.resolve(dir))}`);
}
