/**
 * Any Hugging Face text-classification model directory (ONNX) as a SentimentClassifier, run through
 * the transformers text-classification pipeline from its local path with remote loading off. The
 * class probabilities become one signed score through the model's `id2label` (label-polarity.ts).
 */
import path from 'node:path';
import type { TextClassificationPipeline } from '@huggingface/transformers';
import { ConfigError } from '../errors/index.ts';
import type { SentimentClassifier } from '../nlp/types.ts';
import { labelPolarities } from './label-polarity.ts';
import { readModelConfig } from './model-files.ts';

/** Texts per pipeline call: large enough to amortise a call, small enough to bound padding. */
export const PIPELINE_BATCH = 64;

interface LabelScore {
  label: string;
  score: number;
}

export async function loadPipelineClassifier(dir: string): Promise<SentimentClassifier> {
  const config = readModelConfig(dir);
  const configFile = path.join(dir, 'config.json');
  if (!config.id2label) throw new ConfigError('has no id2label: the classes cannot be told apart', { file: configFile, key: 'id2label' });
  const polarities = labelPolarities(config.id2label, configFile);
  const byName = new Map(Object.entries(config.id2label).map(([id, name]) => [name, polarities[Number(id)]!]));

  // Loaded here, not at the top: it takes about 0.4 s, and only this kind of model needs it.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  let classify: TextClassificationPipeline;
  try {
    classify = (await pipeline('text-classification', path.resolve(dir), { dtype: 'fp32', local_files_only: true })) as TextClassificationPipeline;
  } catch (err) {
    throw new ConfigError(`cannot load the sentiment model: ${(err as Error).message}`, { file: dir }, err);
  }
  const topK = polarities.length;

  return {
    name: `pipeline:${path.basename(path.resolve(dir))}`,
    async scoreBatch(texts) {
      const scores: number[] = [];
      for (let i = 0; i < texts.length; i += PIPELINE_BATCH) {
        const batch = texts.slice(i, i + PIPELINE_BATCH);
        const output = (await classify([...batch], { top_k: topK })) as unknown as LabelScore[][];
        for (const classes of output) {
          let score = 0;
          for (const { label, score: p } of classes) score += p * (byName.get(label) ?? 0);
          scores.push(Math.max(-1, Math.min(1, score)));
        }
      }
      return scores;
    },
  };
}
