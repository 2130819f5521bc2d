import { z } from 'zod';
import { DEFAULT_DOMAIN, DOMAINS } from '../../nlp/domains.ts';
import { DEFAULT_MAX_TEXT_LENGTH, DEFAULT_PIPELINE } from '../../nlp/pipeline/defaults.ts';

/** How document sentiment may be decided: the lexicon, the model, or both. */
export const SENTIMENT_MODES = ['lexicon', 'model', 'ensemble'] as const;

export const nlpSchema = z
  .object({
    /** Word segmenter behind the one Tokenizer interface. */
    tokenizer: z.enum(['node-rs-jieba', 'nodejs-jieba']).default('node-rs-jieba'),
    /** jieba user dictionary (one word per line: word [freq] [tag]) so domain words stay whole. */
    userDictionary: z.string().default('models/userdict.txt'),
    /** Sentiment lexicon folder (word weights, negators, degree adverbs, contrast words). */
    lexicon: z.string().default('models/lexicon'),
    /** How document sentiment is decided. */
    sentiment: z.enum(SENTIMENT_MODES).default('ensemble'),
    /** A Hugging Face text-classification model directory (ONNX), used by `model` and `ensemble`. */
    sentimentModel: z.string().default('models/sentiment-zh'),
    taxonomy: z.string().default('config/taxonomy.yaml'),
    alerts: z.string().default('config/alerts.yaml'),
    /** The components in order; the order is checked when the analyzer is built. */
    pipeline: z.array(z.string().min(1)).min(1).default([...DEFAULT_PIPELINE]),
    /** The learned clause topic and polarity model directory (`painpoint train --task aspects`). */
    aspectModel: z.string().default('models/aspects-zh'),
    /** Characters of a text that are analysed; the rest is stored but not analysed (`truncated: true`). */
    maxTextLength: z.number().int().min(100).default(DEFAULT_MAX_TEXT_LENGTH),
    /**
     * What the sources sell and how they deliver, for the alert rules' context (src/nlp/domains.ts):
     * general (unknown), takeout, groceries, retail (food and other goods by parcel) or goods (no food).
     */
    domain: z.enum(DOMAINS).default(DEFAULT_DOMAIN),
    /** Source id → domain, for items whose source is not of `domain` (an item's `source` field). */
    sourceDomains: z.record(z.string().min(1), z.enum(DOMAINS)).default({}),
  })
  .strict();

export type NlpConfig = z.output<typeof nlpSchema>;
