import { describe, expect, it } from 'vitest';
import { bigramIndex, featureIndices, trigramIndex, type FeatureSpace } from '../../../src/sentiment-model/features.ts';

/** The indices as the ONNX graph defines them: unigrams, then bigramIndex, then trigramIndex. */
function definedIndices(space: FeatureSpace, ids: Int32Array): number[] {
  const out = [...ids];
  for (let i = 0; i + 1 < ids.length; i++) out.push(bigramIndex(space, ids[i]!, ids[i + 1]!));
  for (let i = 0; i + 2 < ids.length; i++) out.push(trigramIndex(space, ids[i]!, ids[i + 1]!, ids[i + 2]!));
  return out;
}

describe('featureIndices', () => {
  // Ids up to 2^20 - 1, the bound the hash is exact for, and small ones, in a fixed pseudo-random order.
  const ids = Int32Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? (i * 2_654_435_761) % 2 ** 20 : (i * 7_919) % 4_000));

  it.each([
    ['power-of-two buckets (every model trained here)', { vocabSize: 3_794, bigramBuckets: 2 ** 19, trigramBuckets: 2 ** 20 }],
    ['other bucket counts', { vocabSize: 1_000, bigramBuckets: 100_003, trigramBuckets: 300_007 }],
  ])('gives the indices the graph defines, with %s', (_name, space: FeatureSpace) => {
    const out = new Int32Array(3 * ids.length);
    const n = featureIndices(space, ids, out);
    expect([...out.subarray(0, n)]).toEqual(definedIndices(space, ids));
    // Only the first ids of a buffer longer than the text's.
    const k = featureIndices(space, ids, out, 37);
    expect([...out.subarray(0, k)]).toEqual(definedIndices(space, ids.subarray(0, 37)));
  });
});
