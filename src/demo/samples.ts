import fs from 'node:fs';
import path from 'node:path';
import { resolveFromRoot } from '../config/paths.ts';
import type { Channel } from '../domain/index.ts';

export const SAMPLES_DIR = resolveFromRoot('src/demo/samples');

export interface SampleFile {
  file: string;
  channel: Channel;
  source: string;
}

/**
 * The bundled samples the demo imports, in order: reviews, chats, posts, then the GBK export, the
 * post-purchase survey (NPS, CSAT, CES, product) and the file with broken rows (which shows rejected items). Missing files are skipped.
 */
export function sampleFiles(dir = SAMPLES_DIR): SampleFile[] {
  const all: SampleFile[] = [
    { file: 'reviews.csv', channel: 'review', source: 'demo-reviews' },
    { file: 'chats.jsonl', channel: 'chat', source: 'demo-chats' },
    { file: 'social.jsonl', channel: 'social', source: 'demo-social' },
    { file: 'reviews-gbk.csv', channel: 'review', source: 'demo-reviews-gbk' },
    { file: 'surveys.csv', channel: 'review', source: 'demo-survey' },
    { file: 'reviews-malformed.csv', channel: 'review', source: 'demo-reviews-malformed' },
  ];
  return all.map((s) => ({ ...s, file: path.join(dir, s.file) })).filter((s) => fs.existsSync(s.file));
}
