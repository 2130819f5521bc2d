/**
 * The fast path for painpoint's own n-gram models: the same token ids as the pipeline's tokenizer
 * (CharTokenizer), the same features and the same arithmetic as the ONNX graph, computed directly
 * in TypeScript: no tensors, no padding, no runtime call. Tests hold both paths to the same scores.
 */
import path from 'node:path';
import type { SentimentClassifier } from '../nlp/types.ts';
import { featureIndices, scoreFeatures } from './features.ts';
import { loadNgramModel, tokenizerOf, type NgramModel } from './model-files.ts';

export interface NgramClassifier extends SentimentClassifier {
  /** Signed score of one text, synchronously: tanh(s/2) = P(positive) - P(negative). */
  score(text: string): number;
}

export function ngramClassifier(model: NgramModel, name = 'ngram'): NgramClassifier {
  const tokenizer = tokenizerOf(model);
  // Both written anew for each text: no allocation per text.
  const ids = new Int32Array(model.maxLength);
  const buffer = new Int32Array(3 * model.maxLength);
  const score = (text: string) => {
    const n = featureIndices(model.space, ids, buffer, tokenizer.encodeInto(text, ids));
    return Math.tanh(scoreFeatures(model.weights, model.bias, buffer, n) / 2);
  };
  return {
    name,
    score,
    async scoreBatch(texts) {
      return texts.map(score);
    },
  };
}

export function loadNgramClassifier(dir: string): NgramClassifier {
  return ngramClassifier(loadNgramModel(dir), `ngram:${path.basename(path.resolve(dir))}`);
}
