/**
 * Reads a labelled review CSV for training and evaluation: a label column (1/0, positive/negative),
 * a text column (`review`, `text` or `content`) and, where present, a domain column (`cat` or
 * `domain`) for per-domain figures. Texts go through the analyzer's `normalize` (byte-order marks,
 * stray whitespace, full-width letters, Traditional script), so the model learns from the text it
 * will be shown, and repeated reviews are kept once, so a duplicate never sits on both sides of a
 * train/validation split.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors/index.ts';
import { normalize } from '../nlp/normalize.ts';

export interface LabelledReview {
  text: string;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
  domain?: string;
  /** Line of the record in its file (1-based, the header being line 1). */
  line: number;
}

export interface LabelledSet {
  reviews: LabelledReview[];
  textColumn: string;
  duplicates: number;
  empty: number;
}

export const TEXT_COLUMNS = ['review', 'text', 'content'] as const;
export const DOMAIN_COLUMNS = ['cat', 'domain'] as const;

const LABELS: Record<string, 0 | 1> = {
  '1': 1,
  '0': 0,
  positive: 1,
  negative: 0,
  pos: 1,
  neg: 0,
  正面: 1,
  负面: 0,
};

/** Removes byte-order marks and collapses whitespace runs, which carry no sentiment. */
export function cleanReview(text: string): string {
  return text.replace(/\uFEFF/g, '').replace(/\s+/g, ' ').trim();
}

export function parseLabel(value: string): 0 | 1 | undefined {
  return LABELS[cleanReview(value).toLowerCase()];
}

export function readLabelledCsv(file: string, options: { textColumn?: string } = {}): LabelledSet {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read: ${(err as Error).message}`, { file }, err);
  }
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof rows;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError(`not valid CSV: ${(err as Error).message}`, { file, line }, err);
  }
  const header = rows[0]?.record.map((h) => cleanReview(h).toLowerCase());
  if (!header) throw new InputError('the file is empty (a header with a label and a text column is expected)', { file });
  const labelAt = header.indexOf('label');
  if (labelAt < 0) throw new InputError(`no "label" column in the header (found: ${header.join(', ')})`, { file, line: 1, field: 'label' });
  const wanted = options.textColumn ? [options.textColumn.toLowerCase()] : TEXT_COLUMNS;
  const textColumn = wanted.find((c) => header.includes(c));
  if (!textColumn) {
    throw new InputError(`no text column in the header: expected one of ${wanted.join(', ')} (found: ${header.join(', ')})`, {
      file,
      line: 1,
      field: wanted.join('|'),
    });
  }
  const textAt = header.indexOf(textColumn);
  const domainAt = header.findIndex((h) => (DOMAIN_COLUMNS as readonly string[]).includes(h));

  const seen = new Set<string>();
  const reviews: LabelledReview[] = [];
  let duplicates = 0;
  let empty = 0;
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    const rawLabel = record[labelAt] ?? '';
    const label = parseLabel(rawLabel);
    if (label === undefined) {
      throw new InputError(`unknown label value "${rawLabel}" (expected 1/0 or positive/negative)`, { file, line, field: 'label' });
    }
    const text = normalize(record[textAt] ?? '');
    if (!text) {
      empty++;
      continue;
    }
    if (seen.has(text)) {
      duplicates++;
      continue;
    }
    seen.add(text);
    const domain = domainAt >= 0 ? cleanReview(record[domainAt] ?? '') || undefined : undefined;
    reviews.push(domain === undefined ? { text, label, line } : { text, label, domain, line });
  }
  return { reviews, textColumn, duplicates, empty };
}
