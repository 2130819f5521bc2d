/**
 * The hand-labelled review set (`labelled-aspects.jsonl` in the corpus folder): per review its split,
 * aspects (topic + polarity), alert rules and overall sentiment. Read where figures are measured and
 * where aspect models are trained; never shipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { corpusDir } from '../config/index.ts';
import { InputError } from '../errors/index.ts';
import type { NlpConfig } from '../config/schema/index.ts';
import { TOPIC_IDS, type Domain } from '../nlp/types.ts';
import { itemDomains } from './item-domains.ts';

const polarity = z.enum(['positive', 'neutral', 'negative']);

const labelledReviewSchema = z.object({
  id: z.string().regex(/^(waimai|shop):\d+$/, 'an id is waimai:<row> or shop:<row>'),
  split: z.enum(['train', 'test']),
  text: z.string(),
  aspects: z.array(z.tuple([z.enum(TOPIC_IDS), polarity])),
  alerts: z.array(z.string()),
  sentiment: polarity,
  note: z.string().optional(),
});

export type LabelledAspectReview = z.output<typeof labelledReviewSchema> & { domain: LabelledDomain };
export type LabelledDomain = 'takeout' | 'ecommerce';
export type Split = 'train' | 'test';

export const LABELLED_ASPECTS_FILE = 'labelled-aspects.jsonl';

export function labelledAspectsPath(dir: string = corpusDir()): string {
  return path.join(dir, LABELLED_ASPECTS_FILE);
}

export function domainOf(id: string): LabelledDomain {
  return id.startsWith('waimai:') ? 'takeout' : 'ecommerce';
}

/** Every review of the file; a malformed line is an InputError naming the file, line and field. */
export function readLabelledAspects(file: string = labelledAspectsPath()): LabelledAspectReview[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}); set PAINPOINT_DATA to the folder that holds ${LABELLED_ASPECTS_FILE}`);
  }
  const out: LabelledAspectReview[] = [];
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new InputError(`${file}:${i + 1}: not a JSON object`);
    }
    const parsed = labelledReviewSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`${file}:${i + 1}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    out.push({ ...parsed.data, domain: domainOf(parsed.data.id) });
  });
  return out;
}

/**
 * The labelled corpora as the sources they are: takeout orders (waimai), and a marketplace (shop)
 * whose reviews are of books, tablets, phones, shampoo, water heaters, clothes and computers, read
 * as a shop that may sell food beside them (the words decide: the harder case, and a CX team's own
 * shop's), unless the config names sources of those ids.
 */
const LABELLED_SOURCE_DOMAINS: Readonly<Record<string, Domain>> = { waimai: 'takeout', shop: 'retail' };

/** The domain each review is analysed under, through the one item-domain path the worker takes. */
export function labelledDomains(reviews: readonly LabelledAspectReview[], nlp: Pick<NlpConfig, 'domain' | 'sourceDomains'>): Domain[] {
  return itemDomains({ domain: nlp.domain, sourceDomains: { ...LABELLED_SOURCE_DOMAINS, ...nlp.sourceDomains } }, reviews.map((r) => r.id.split(':')[0]));
}
