/**
 * The features of a token sequence, exactly as the ONNX graph computes them: each token id, each
 * pair of neighbouring ids hashed into `bigramBuckets`, each triple hashed into `trigramBuckets`,
 * all indexing one weight table. Padding never takes part. The hash is a sum of products with
 * fixed primes, exact in both int64 (the graph) and double (here) because ids stay far below 2^20.
 */

export interface FeatureSpace {
  vocabSize: number;
  bigramBuckets: number;
  trigramBuckets: number;
}

export const BIGRAM_PRIMES = [1_000_003, 7_919] as const;
export const TRIGRAM_PRIMES = [2_654_435, 1_000_033, 7_927] as const;

export function tableSize(space: FeatureSpace): number {
  return space.vocabSize + space.bigramBuckets + space.trigramBuckets;
}

export function bigramIndex(space: FeatureSpace, a: number, b: number): number {
  return space.vocabSize + ((a * BIGRAM_PRIMES[0] + b * BIGRAM_PRIMES[1]) % space.bigramBuckets);
}

export function trigramIndex(space: FeatureSpace, a: number, b: number, c: number): number {
  return (
    space.vocabSize +
    space.bigramBuckets +
    ((a * TRIGRAM_PRIMES[0] + b * TRIGRAM_PRIMES[1] + c * TRIGRAM_PRIMES[2]) % space.trigramBuckets)
  );
}

/**
 * Writes the feature indices of the first `n` of `ids` (all of them by default) into `out` (which
 * must hold 3 * n) and returns how many there are. Order: unigrams, bigrams, trigrams (the order
 * does not matter to the mean).
 */
export function featureIndices(space: FeatureSpace, ids: Int32Array, out: Int32Array, n: number = ids.length): number {
  let k = 0;
  for (let i = 0; i < n; i++) out[k++] = ids[i]!;
  if (isPowerOfTwo(space.bigramBuckets) && isPowerOfTwo(space.trigramBuckets)) return k + hashedByMask(space, ids, n, out, k);
  for (let i = 0; i + 1 < n; i++) out[k++] = bigramIndex(space, ids[i]!, ids[i + 1]!);
  for (let i = 0; i + 2 < n; i++) out[k++] = trigramIndex(space, ids[i]!, ids[i + 1]!, ids[i + 2]!);
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= 2 ** 30 && (n & (n - 1)) === 0;
}

/**
 * The bigram and trigram indices of bigramIndex and trigramIndex, for bucket counts that are powers of
 * two (every model trained here): the sum of products modulo 2^k is its low k bits, and those are the
 * low bits of the 32-bit products Math.imul gives, so the same indices come out of integer
 * arithmetic instead of a floating-point remainder per n-gram, which made this the model's slowest step.
 */
function hashedByMask(space: FeatureSpace, ids: Int32Array, n: number, out: Int32Array, from: number): number {
  const bigramMask = space.bigramBuckets - 1;
  const trigramMask = space.trigramBuckets - 1;
  const trigramBase = space.vocabSize + space.bigramBuckets;
  const [b0, b1] = BIGRAM_PRIMES;
  const [t0, t1, t2] = TRIGRAM_PRIMES;
  let k = from;
  for (let i = 0; i + 1 < n; i++) out[k++] = space.vocabSize + ((Math.imul(ids[i]!, b0) + Math.imul(ids[i + 1]!, b1)) & bigramMask);
  for (let i = 0; i + 2 < n; i++) out[k++] = trigramBase + ((Math.imul(ids[i]!, t0) + Math.imul(ids[i + 1]!, t1) + Math.imul(ids[i + 2]!, t2)) & trigramMask);
  return k - from;
}

/**
 * The model's raw score for a feature set, as the graph computes it: the bias plus the mean weight of
 * the features training has seen (weight not exactly zero). Unseen n-grams (a new domain's nouns)
 * are left out of the mean rather than counted as neutral, so a long review full of them is not
 * pulled towards the bias.
 */
export function scoreFeatures(weights: Float32Array, bias: number, features: Int32Array, count: number): number {
  let sum = 0;
  let known = 0;
  for (let i = 0; i < count; i++) {
    const w = weights[features[i]!]!;
    if (w !== 0) {
      sum += w;
      known++;
    }
  }
  return known === 0 ? bias : bias + sum / known;
}

/** The training-time score: the mean over all features, each of which training is about to see. */
export function scoreAllFeatures(weights: Float32Array, bias: number, features: Int32Array, count: number): number {
  if (count === 0) return bias;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += weights[features[i]!]!;
  return bias + sum / count;
}
