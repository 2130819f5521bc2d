import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLabelledCsv, type LabelledReview } from '../../../src/sentiment-model/labelled-csv.ts';
import { trainModel, type TrainOptions } from '../../../src/sentiment-model/train.ts';

export const FIXTURES = fileURLToDir(new URL('../../fixtures/sentiment/', import.meta.url));

function fileURLToDir(url: URL): string {
  return decodeURIComponent(url.pathname);
}

export function fixtureReviews(name: 'food' | 'hotel'): LabelledReview[] {
  return readLabelledCsv(path.join(FIXTURES, `${name}.csv`)).reviews;
}

/** Small feature space and all data used: tiny fixtures, fast tests. */
export const TINY: TrainOptions = { bigramBuckets: 4096, trigramBuckets: 8192, epochs: 30, validFraction: 0, maxLength: 64, dropout: 0 };

export function trainTiny(reviews: readonly LabelledReview[], options: TrainOptions = {}) {
  return trainModel(reviews, { ...TINY, ...options });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `painpoint-${prefix}-`));
}
