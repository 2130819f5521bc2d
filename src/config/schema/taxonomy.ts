import { z } from 'zod';
import { TOPIC_IDS } from '../../nlp/types.ts';

const word = z.string().trim().min(1, 'a keyword must not be empty');

/** Keywords of a topic or an alert rule: any one keyword, or every word of one co-occurrence group. */
export const keywordSetSchema = z
  .object({
    /** A short human label (dashboards, reports). */
    label: z.string().optional(),
    keywords: z.array(word).default([]),
    /** Groups of words that must all appear in one clause, where one word is not enough (包装 + 破). */
    cooccur: z.array(z.array(word).min(2, 'a co-occurrence group needs at least two words')).default([]),
  })
  .strict()
  .refine((s) => s.keywords.length > 0 || s.cooccur.length > 0, { message: 'needs at least one keyword or co-occurrence group' });

/**
 * `config/taxonomy.yaml`: every one of the 21 fixed topic ids, each with its keywords. A missing or
 * unknown id is an error naming it.
 */
export const taxonomySchema = z
  .object({
    topics: z.record(z.enum(TOPIC_IDS), keywordSetSchema),
  })
  .strict();

export type TaxonomyFile = z.output<typeof taxonomySchema>;
export type KeywordSetConfig = z.output<typeof keywordSetSchema>;
