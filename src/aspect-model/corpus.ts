/**
 * The unlabelled side of aspect training: the reviews of the two sentiment corpora (document labels
 * only), each with its 0-based data row, so that every row the hand-labelled file holds (in either
 * split) is left out: test rows must never be seen, and train rows are used with their own labels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors/index.ts';

export interface CorpusReview {
  /** `waimai:<row>` or `shop:<row>`, as in the labelled file. */
  id: string;
  text: string;
  /** Document polarity: 1 positive, 0 negative. */
  label: 0 | 1;
}

export const CORPUS_FILES = { waimai: 'waimai_10k.csv', shop: 'online_shopping_7cats.csv' } as const;
export type CorpusName = keyof typeof CORPUS_FILES;

export function readCorpus(dir: string, name: CorpusName): CorpusReview[] {
  const file = path.join(dir, CORPUS_FILES[name]);
  let rows: string[][];
  try {
    rows = parse(fs.readFileSync(file, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new InputError(`cannot read the corpus: ${(err as Error).message}`, { file }, err);
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const labelAt = header.indexOf('label');
  const textAt = header.indexOf('review');
  if (labelAt < 0 || textAt < 0) throw new InputError(`expected label and review columns (found: ${header.join(', ')})`, { file, line: 1 });
  const out: CorpusReview[] = [];
  rows.slice(1).forEach((r, row) => {
    const text = (r[textAt] ?? '').replace(/\uFEFF/g, '').trim();
    if (text !== '') out.push({ id: `${name}:${row}`, text, label: r[labelAt]?.trim() === '1' ? 1 : 0 });
  });
  return out;
}
