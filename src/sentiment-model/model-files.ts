/**
 * The model directory on disk, in the layout the transformers text-classification pipeline loads:
 * config.json, tokenizer.json, tokenizer_config.json, vocab.txt and onnx/model.onnx. painpoint's own
 * models add a `painpoint` block to config.json (feature space and training summary), which is how
 * the fast path and warm starts recognise them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { CharTokenizer, tokenizerFiles } from './char-tokenizer.ts';
import { tableSize, type FeatureSpace } from './features.ts';
import { readOnnxWeights, writeOnnxModel } from './onnx-graph.ts';

export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;
export const OWN_FORMAT = 'painpoint-hashed-ngram-v1';

/** A trained hashed n-gram model in memory. */
export interface NgramModel {
  vocab: string[];
  maxLength: number;
  space: FeatureSpace;
  weights: Float32Array;
  bias: number;
  /** What it was trained on and how well it did (kept in config.json for the record). */
  summary: Record<string, unknown>;
}

const labelMapSchema = z.record(z.string(), z.string());
const modelConfigSchema = z
  .object({
    model_type: z.string({ error: 'is missing (e.g. "bert")' }),
    id2label: labelMapSchema.optional(),
    num_labels: z.number().optional(),
    painpoint: z
      .object({
        format: z.string(),
        vocabSize: z.number().int().positive(),
        bigramBuckets: z.number().int().positive(),
        trigramBuckets: z.number().int().positive(),
        maxLength: z.number().int().min(3),
      })
      .loose()
      .optional(),
  })
  .loose();
export type ModelConfig = z.output<typeof modelConfigSchema>;

/**
 * Checks that `dir` is a loadable model directory and returns its config. Errors name the
 * directory and what is missing or wrong, never a stack from deep inside the runtime.
 */
export function readModelConfig(dir: string): ModelConfig {
  if (!fs.existsSync(dir)) throw new ConfigError(`sentiment model directory does not exist`, { file: dir });
  if (!fs.statSync(dir).isDirectory()) throw new ConfigError(`sentiment model path is not a directory`, { file: dir });
  const missing = MODEL_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new ConfigError(`sentiment model directory is missing ${missing.join(', ')} (a text-classification model needs ${MODEL_FILES.join(', ')})`, {
      file: dir,
    });
  }
  const file = path.join(dir, 'config.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`is not valid JSON: ${(err as Error).message}`, { file }, err);
  }
  const parsed = modelConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(issue.message, { file, key: issue.path.join('.') || undefined });
  }
  return parsed.data;
}

export function saveModel(dir: string, model: NgramModel): void {
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  const { tokenizer, tokenizerConfig } = tokenizerFiles(model.vocab, model.maxLength);
  const config = {
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    id2label: { '0': 'negative', '1': 'positive' },
    label2id: { negative: 0, positive: 1 },
    vocab_size: model.vocab.length,
    max_position_embeddings: model.maxLength,
    painpoint: { format: OWN_FORMAT, ...model.space, maxLength: model.maxLength, ...model.summary },
  };
  const write = (name: string, data: string | Uint8Array) => fs.writeFileSync(path.join(dir, name), data);
  write('config.json', JSON.stringify(config, null, 2) + '\n');
  write('tokenizer.json', JSON.stringify(tokenizer) + '\n');
  write('tokenizer_config.json', JSON.stringify(tokenizerConfig, null, 2) + '\n');
  write('vocab.txt', model.vocab.join('\n') + '\n');
  write(path.join('onnx', 'model.onnx'), writeOnnxModel(model.space, model.weights, model.bias));
}

/** Reads one of painpoint's own models (for the fast path and `--init`); errors name what is wrong. */
export function loadNgramModel(dir: string): NgramModel {
  const config = readModelConfig(dir);
  const own = config.painpoint;
  if (!own || own.format !== OWN_FORMAT) {
    throw new ConfigError(`is not a painpoint n-gram model (config.json has no painpoint.format "${OWN_FORMAT}"); --init needs one`, { file: dir });
  }
  const vocabFile = path.join(dir, 'vocab.txt');
  if (!fs.existsSync(vocabFile)) throw new ConfigError('sentiment model directory is missing vocab.txt', { file: dir });
  const vocab = fs.readFileSync(vocabFile, 'utf8').split('\n');
  if (vocab.at(-1) === '') vocab.pop();
  const space: FeatureSpace = { vocabSize: own.vocabSize, bigramBuckets: own.bigramBuckets, trigramBuckets: own.trigramBuckets };
  if (vocab.length !== space.vocabSize) {
    throw new ConfigError(`vocab.txt has ${vocab.length} tokens, config.json says ${space.vocabSize}`, { file: dir });
  }
  const graphFile = path.join(dir, 'onnx', 'model.onnx');
  let weights: Float32Array;
  let bias: number;
  try {
    ({ weights, bias } = readOnnxWeights(fs.readFileSync(graphFile)));
  } catch (err) {
    throw new ConfigError(`cannot read the model weights: ${(err as Error).message}`, { file: graphFile }, err);
  }
  if (weights.length !== tableSize(space)) {
    throw new ConfigError(`holds ${weights.length} weights, config.json's feature space needs ${tableSize(space)}`, { file: graphFile });
  }
  const { format: _format, vocabSize: _v, bigramBuckets: _b, trigramBuckets: _t, maxLength, ...summary } = own;
  return { vocab, maxLength, space, weights, bias, summary };
}

export function tokenizerOf(model: NgramModel): CharTokenizer {
  return new CharTokenizer(model.vocab, model.maxLength);
}
