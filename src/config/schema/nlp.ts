import { z } from 'zod';

export const nlpSchema = z
  .object({
    /** Word segmenter behind the one Tokenizer interface. */
    tokenizer: z.enum(['node-rs-jieba', 'nodejs-jieba']).default('node-rs-jieba'),
    /** jieba user dictionary (one word per line: word [freq] [tag]) so domain words stay whole. */
    userDictionary: z.string().default('models/userdict.txt'),
    /** Sentiment lexicon folder (word weights, negators, degree adverbs, contrast words). */
    lexicon: z.string().default('models/lexicon'),
    /** How document sentiment is decided. */
    sentiment: z.enum(['lexicon', 'model', 'ensemble']).default('ensemble'),
    /** A Hugging Face text-classification model directory (ONNX), used by `model` and `ensemble`. */
    sentimentModel: z.string().default('models/sentiment-zh'),
    taxonomy: z.string().default('config/taxonomy.yaml'),
    alerts: z.string().default('config/alerts.yaml'),
  })
  .strict();

export type NlpConfig = z.output<typeof nlpSchema>;
