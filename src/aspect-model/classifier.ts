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
  /** Per feature, 1 + its row in `codes`, or 0 where all its weights are zero. */
  rowOf: Uint16Array | Int32Array;
  /** Per kept feature, one code per output: that output's weight is `book[output * bookSize + code]`. */
  codes: Uint8Array | Uint16Array | Int32Array;
  book: Float32Array;
  bookSize: number;
}

/**
 * A layer's weights laid out for the few features of one clause, which would each cost a cache
 * miss in a table of 5.5 MB: feature-major (one feature's outputs side by side), the features whose
 * weights are all zero left out (n-grams never seen in training: 58% of the shipped tagger's rows, a
 * fifth of the features clauses hold), and each weight as a code into its output's table of the
 * values it takes, a byte for a model stored as int8 (255 values per output). The shipped tagger
 * takes 0.7 MB so, the polarity classifier 0.2 MB. The sums are the same floats: the same weights
 * added in the same order, a zero changing none.
 */
function featureMajor(layer: LinearLayer, buckets: number): FeatureMajor {
  const outputs = layer.outputs;
  const weights = layer.weights;
  let kept = 0;
  const rowOf = new Int32Array(buckets);
  for (let f = 0; f < buckets; f++) {
    for (let o = 0; o < outputs; o++) {
      if (weights[o * buckets + f] !== 0) {
        rowOf[f] = ++kept;
        break;
      }
    }
  }
  const coded = int8Codes(weights, buckets, outputs, rowOf, kept) ?? distinctCodes(weights, buckets, outputs, rowOf, kept);
  const { raw, book, bookSize } = coded;
  return {
    rowOf: kept < 0xffff ? new Uint16Array(rowOf) : rowOf,
    codes: bookSize <= 0x100 ? new Uint8Array(raw) : bookSize <= 0x10000 ? new Uint16Array(raw) : raw,
    book,
    bookSize,
  };
}

interface Codes {
  /** Per kept feature (row-major), one code per output. */
  raw: Int32Array;
  book: Float32Array;
  bookSize: number;
}

/** Int8 steps: a weight of a model stored as int8 is q × its output's scale, q in −127…127. */
const INT8_STEPS = 255;

/**
 * The codes of a model loaded from int8 (every loaded model): a weight's code is its step q + 127,
 * q read back from the weight and its output's largest one (q = ±127 by construction). Arithmetic
 * only, which keeps the start of every analyzer short. Undefined for a model whose weights are not
 * such steps (one trained in this process), read back to a step holding another value.
 */
function int8Codes(weights: Float32Array, buckets: number, outputs: number, rowOf: Int32Array, kept: number): Codes | undefined {
  const raw = new Int32Array(kept * outputs);
  const book = new Float32Array(outputs * INT8_STEPS);
  const filled = new Uint8Array(outputs * INT8_STEPS);
  for (let o = 0; o < outputs; o++) {
    let max = 0;
    for (let f = 0; f < buckets; f++) max = Math.max(max, Math.abs(weights[o * buckets + f]!));
    const step = max / 127;
    for (let f = 0; f < buckets; f++) {
      const row = rowOf[f]! - 1;
      if (row < 0) continue;
      const w = weights[o * buckets + f]!;
      const code = (step === 0 ? 0 : Math.round(w / step)) + 127;
      if (!(code >= 0 && code < INT8_STEPS)) return undefined;
      const at = o * INT8_STEPS + code;
      // `===` takes -0 for +0, which adds the same to a sum that starts at +0.
      if (filled[at] === 0) {
        book[at] = w;
        filled[at] = 1;
      } else if (book[at] !== w) return undefined;
      raw[row * outputs + o] = code;
    }
  }
  return { raw, book, bookSize: INT8_STEPS };
}

/** The codes of any model: each output's distinct weights numbered, by their bits. */
function distinctCodes(weights: Float32Array, buckets: number, outputs: number, rowOf: Int32Array, kept: number): Codes {
  const bits = new Uint32Array(weights.buffer, weights.byteOffset, weights.length);
  const seen = Array.from({ length: outputs }, () => new Map<number, number>());
  const raw = new Int32Array(kept * outputs);
  for (let f = 0; f < buckets; f++) {
    const row = rowOf[f]! - 1;
    if (row < 0) continue;
    for (let o = 0; o < outputs; o++) {
      const w = bits[o * buckets + f]!;
      let code = seen[o]!.get(w);
      if (code === undefined) seen[o]!.set(w, (code = seen[o]!.size));
      raw[row * outputs + o] = code;
    }
  }
  const bookSize = Math.max(1, ...seen.map((m) => m.size));
  const book = new Float32Array(outputs * bookSize);
  const bookBits = new Uint32Array(book.buffer);
  seen.forEach((codes, o) => {
    for (const [w, code] of codes) bookBits[o * bookSize + code] = w;
  });
  return { raw, book, bookSize };
}

/**
 * Adds, per output, the weights of the first `n` features in `features` into `into`; `rows` holds n.
 * Each output's sum is a float32 in a register (Math.fround rounds each addition as a store into
 * `into` would), the features added in their order, and seven outputs at a time: one sum waits on
 * its last addition, seven side by side do not.
 */
function accumulate(layer: FeatureMajor, outputs: number, features: Int32Array, n: number, into: Float32Array, rows: Int32Array): void {
  const { rowOf, codes, book, bookSize: b } = layer;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const row = rowOf[features[i]!]! - 1;
    if (row >= 0) rows[kept++] = row * outputs;
  }
  let o = 0;
  for (; o + 7 <= outputs; o += 7) {
    const v = o * b;
    let s0 = into[o]!, s1 = into[o + 1]!, s2 = into[o + 2]!, s3 = into[o + 3]!, s4 = into[o + 4]!, s5 = into[o + 5]!, s6 = into[o + 6]!;
    for (let k = 0; k < kept; k++) {
      const at = rows[k]! + o;
      s0 = Math.fround(s0 + book[v + codes[at]!]!);
      s1 = Math.fround(s1 + book[v + b + codes[at + 1]!]!);
      s2 = Math.fround(s2 + book[v + 2 * b + codes[at + 2]!]!);
      s3 = Math.fround(s3 + book[v + 3 * b + codes[at + 3]!]!);
      s4 = Math.fround(s4 + book[v + 4 * b + codes[at + 4]!]!);
      s5 = Math.fround(s5 + book[v + 5 * b + codes[at + 5]!]!);
      s6 = Math.fround(s6 + book[v + 6 * b + codes[at + 6]!]!);
    }
    into[o] = s0; into[o + 1] = s1; into[o + 2] = s2; into[o + 3] = s3; into[o + 4] = s4; into[o + 5] = s5; into[o + 6] = s6;
  }
  for (; o < outputs; o++) {
    const v = o * b;
    let s = into[o]!;
    for (let k = 0; k < kept; k++) s = Math.fround(s + book[v + codes[rows[k]! + o]!]!);
    into[o] = s;
  }
}

export function clauseAspectModel(model: AspectModel, name = 'clause-aspects'): ClauseAspectModel {
  const topics = model.tagger.outputs;
  const tagger = featureMajor(model.tagger, model.space.buckets);
  const polarity = featureMajor(model.polarity, model.space.buckets);
  let reviewBuffer = new Int32Array(256);
  let clauseBuffer = new Int32Array(256);
  let rows = new Int32Array(256);
  // The clause last hashed: the polarity classifier, asked of the text the tagger has just read (a
  // clause whose keywords masked nothing), reads its n-grams without hashing them again.
  let hashed: string | undefined;
  let hashedCount = 0;
  const features = (text: string): number => {
    if (text === hashed) return hashedCount;
    if (clauseBuffer.length < text.length * 3) clauseBuffer = new Int32Array(text.length * 6);
    hashed = text;
    hashedCount = hashedNgrams(model.space, text, clauseBuffer);
    if (rows.length < hashedCount) rows = new Int32Array(clauseBuffer.length);
    return hashedCount;
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
            if (reviewBuffer.length < reviewText.length) reviewBuffer = new Int32Array(reviewText.length * 2);
            const n = contextNgrams(model.space, reviewText, reviewBuffer);
            const sums = new Float32Array(topics);
            if (rows.length < n) rows = new Int32Array(reviewBuffer.length);
            accumulate(tagger, topics, reviewBuffer, n, sums, rows);
            return { features: n, sums };
          },
        }
      : {}),
    tag(text, context) {
      const n = features(text);
      t.fill(0);
      accumulate(tagger, topics, clauseBuffer, n, t, rows);
      const scale = featureScale(n);
      const cScale = context ? contextScale(context.features) : 0;
      for (let o = 0; o < topics; o++) t[o] = 1 / (1 + Math.exp(-(model.tagger.bias[o]! + t[o]! * scale + (context ? context.sums[o]! * cScale : 0))));
      return t;
    },
    polarity(text) {
      const n = features(text);
      const p = new Float32Array(3);
      accumulate(polarity, 3, clauseBuffer, n, p, rows);
      const scale = featureScale(n);
      let max = -Infinity;
      for (let o = 0; o < 3; o++) max = Math.max(max, (p[o] = model.polarity.bias[o]! + p[o]! * scale));
      let sum = 0;
      for (let o = 0; o < 3; o++) sum += p[o] = Math.exp(p[o]! - max);
      for (let o = 0; o < 3; o++) p[o]! /= sum;
      return p;
    },
  };
}

export function loadClauseAspectModel(dir: string): ClauseAspectModel {
  return clauseAspectModel(loadAspectModel(dir), `clause-aspects:${path.basename(path.resolve(dir))}`);
}
