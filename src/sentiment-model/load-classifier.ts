/**
 * Loads a sentiment model directory as a SentimentClassifier: painpoint's own n-gram models on the
 * fast path (same scores as the pipeline, much faster), any other Hugging Face text-classification
 * ONNX model through the transformers pipeline. A missing or broken directory is a ConfigError that
 * names the path and what is missing.
 */
import type { SentimentClassifier } from '../nlp/types.ts';
import { OWN_FORMAT, readModelConfig } from './model-files.ts';
import { loadNgramClassifier } from './ngram-classifier.ts';
import { loadPipelineClassifier } from './pipeline-classifier.ts';

export interface LoadClassifierOptions {
  /** Run painpoint's own models through the pipeline too (the compatibility path; slower). */
  forcePipeline?: boolean;
}

export async function loadSentimentClassifier(dir: string, options: LoadClassifierOptions = {}): Promise<SentimentClassifier> {
  const config = readModelConfig(dir);
  if (config.painpoint?.format === OWN_FORMAT && !options.forcePipeline) return loadNgramClassifier(dir);
  return loadPipelineClassifier(dir);
}
