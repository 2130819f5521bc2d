/**
 * Reads a labelled review CSV for training and evaluation: a label column (1/0, positive/negative),
 * a text column (`review`, `text` or `content`) and, where present, a domain column (`cat` or
 * `domain`) for per-domain figures. Texts go through the analyzer's `normalize` (byte-order marks,
 * stray whitespace, full-width letters, Traditional script), so the model learns from the text it
 * will be shown, and repeated reviews are kept once, so a duplicate never sits on both sides of a
 * train/validation split. A row that cannot be read (a stray quote, bytes of no known encoding, a
 * wrong number of fields) is skipped and counted, with a warning naming file and
 * line: one bad row must not stop a training read of 60,000.
 */
import { InputError } from '../errors/index.ts';
import { normalize } from '../nlp/normalize.ts';
import { readRecordsSync } from '../sources/files/index.ts';

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
  /** Rows skipped because they could not be read, one line each ("file, line N: why"). */
  skipped: string[];
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

export function readLabelledCsv(file: string, options: { textColumn?: string; onSkipped?: (warning: string) => void } = {}): LabelledSet {
  let columns: readonly string[] | undefined;
  const records = readRecordsSync(file, { format: 'csv', onHeader: (c) => (columns = c) });
  if (!columns) throw new InputError('the file is empty (a header with a label and a text column is expected)', { file });
  // Column names as the file spells them, found by their cleaned lower-case form.
  const named = new Map<string, string>();
  for (const c of columns) if (!named.has(cleanReview(c).toLowerCase())) named.set(cleanReview(c).toLowerCase(), c);
  const header = [...named.keys()];
  const labelColumn = named.get('label');
  if (labelColumn === undefined) throw new InputError(`no "label" column in the header (found: ${header.join(', ')})`, { file, line: 1, field: 'label' });
  const wanted = options.textColumn ? [options.textColumn.toLowerCase()] : TEXT_COLUMNS;
  const textColumn = wanted.find((c) => named.has(c));
  if (!textColumn) {
    throw new InputError(`no text column in the header: expected one of ${wanted.join(', ')} (found: ${header.join(', ')})`, {
      file,
      line: 1,
      field: wanted.join('|'),
    });
  }
  const textKey = named.get(textColumn)!;
  const domainKey = DOMAIN_COLUMNS.map((c) => named.get(c)).find((c) => c !== undefined);

  const seen = new Set<string>();
  const reviews: LabelledReview[] = [];
  const skipped: string[] = [];
  const skip = (line: number, why: string) => {
    const warning = `${file}, line ${line}: ${why}; row skipped`;
    skipped.push(warning);
    options.onSkipped?.(warning);
  };
  let duplicates = 0;
  let empty = 0;
  for (const { line, fields, error } of records) {
    if (error !== undefined) {
      skip(line, error);
      continue;
    }
    const rawLabel = String(fields[labelColumn] ?? '');
    const label = parseLabel(rawLabel);
    // Refused rather than skipped: a label of another convention (stars, say) would skip every row.
    if (label === undefined) {
      throw new InputError(`unknown label value "${rawLabel}" (expected 1/0 or positive/negative)`, { file, line, field: 'label' });
    }
    const text = normalize(String(fields[textKey] ?? ''));
    if (!text) {
      empty++;
      continue;
    }
    if (seen.has(text)) {
      duplicates++;
      continue;
    }
    seen.add(text);
    const domain = domainKey !== undefined ? cleanReview(String(fields[domainKey] ?? '')) || undefined : undefined;
    reviews.push(domain === undefined ? { text, label, line } : { text, label, domain, line });
  }
  return { reviews, textColumn, duplicates, empty, skipped };
}
