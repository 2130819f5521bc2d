/**
 * The aspect model directory: `config.json` (format, feature table size, topics, thresholds, the
 * training summary) and `weights.bin` (every weight as int8 with one scale per output, tagger then
 * polarity: about 1.5 MB at 2^16 buckets). A missing or damaged file is a ConfigError naming it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { TOPIC_IDS } from '../nlp/types.ts';
import type { AspectModel, LinearLayer } from './model.ts';

export const ASPECT_MODEL_FORMAT = 'painpoint-clause-aspects-v1';

const configSchema = z
  .object({
    format: z.literal(ASPECT_MODEL_FORMAT),
    buckets: z.number().int().positive().refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    topics: z.array(z.enum(TOPIC_IDS)).min(1),
    thresholds: z.array(z.number()),
    masksKeywords: z.boolean().default(false),
    readsContext: z.boolean().default(false),
    taggerBias: z.array(z.number()),
    taggerScales: z.array(z.number()),
    polarityBias: z.array(z.number()).length(3),
    polarityScales: z.array(z.number()).length(3),
    summary: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

function quantize(layer: LinearLayer, buckets: number): { bytes: Int8Array; scales: number[] } {
  const bytes = new Int8Array(layer.weights.length);
  const scales: number[] = [];
  for (let o = 0; o < layer.outputs; o++) {
    let max = 0;
    for (let f = 0; f < buckets; f++) max = Math.max(max, Math.abs(layer.weights[o * buckets + f]!));
    const scale = max === 0 ? 1 : max / 127;
    scales.push(scale);
    for (let f = 0; f < buckets; f++) bytes[o * buckets + f] = Math.round(layer.weights[o * buckets + f]! / scale);
  }
  return { bytes, scales };
}

function dequantize(bytes: Int8Array, scales: readonly number[], bias: readonly number[], buckets: number): LinearLayer {
  const weights = new Float32Array(bytes.length);
  for (let o = 0; o < scales.length; o++) for (let f = 0; f < buckets; f++) weights[o * buckets + f] = bytes[o * buckets + f]! * scales[o]!;
  return { outputs: scales.length, weights, bias: Float32Array.from(bias) };
}

export function saveAspectModel(dir: string, model: AspectModel): void {
  fs.mkdirSync(dir, { recursive: true });
  const buckets = model.space.buckets;
  const tagger = quantize(model.tagger, buckets);
  const polarity = quantize(model.polarity, buckets);
  const config = {
    format: ASPECT_MODEL_FORMAT,
    buckets,
    topics: model.topics,
    thresholds: [...model.thresholds].map((t) => Number(t.toFixed(4))),
    masksKeywords: model.masksKeywords,
    readsContext: model.readsContext,
    taggerBias: [...model.tagger.bias],
    taggerScales: tagger.scales,
    polarityBias: [...model.polarity.bias],
    polarityScales: polarity.scales,
    summary: model.summary,
  };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  const out = Buffer.alloc(tagger.bytes.length + polarity.bytes.length);
  out.set(new Uint8Array(tagger.bytes.buffer), 0);
  out.set(new Uint8Array(polarity.bytes.buffer), tagger.bytes.length);
  fs.writeFileSync(path.join(dir, 'weights.bin'), out);
}

export function loadAspectModel(dir: string): AspectModel {
  const configFile = path.join(dir, 'config.json');
  const weightsFile = path.join(dir, 'weights.bin');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read the aspect model (${code ?? 'not JSON'}); train one with \`painpoint train --task aspects\` or leave learned_aspects out of nlp.pipeline`, { file: configFile }, err);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`not an aspect model: ${issue.path.join('.') || 'config'}: ${issue.message}`, { file: configFile });
  }
  const c = parsed.data;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(weightsFile);
  } catch (err) {
    throw new ConfigError(`cannot read the aspect model's weights (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: weightsFile }, err);
  }
  const taggerSize = c.topics.length * c.buckets;
  if (bytes.length !== taggerSize + 3 * c.buckets || c.thresholds.length !== c.topics.length || c.taggerScales.length !== c.topics.length || c.taggerBias.length !== c.topics.length) {
    throw new ConfigError(`the weights do not match config.json (${bytes.length} bytes for ${c.topics.length} topics + 3 polarities × ${c.buckets} buckets)`, { file: weightsFile });
  }
  const all = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    space: { buckets: c.buckets },
    topics: c.topics,
    thresholds: Float32Array.from(c.thresholds),
    masksKeywords: c.masksKeywords,
    readsContext: c.readsContext,
    tagger: dequantize(all.subarray(0, taggerSize), c.taggerScales, c.taggerBias, c.buckets),
    polarity: dequantize(all.subarray(taggerSize), c.polarityScales, c.polarityBias, c.buckets),
    summary: c.summary,
  };
}
