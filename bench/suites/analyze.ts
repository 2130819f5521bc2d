/**
 * Lexicon analysis throughput (reviews/s) beside raw @node-rs/jieba tokenization (`cut`) of the same
 * texts, in the same run: the reviews of ../shared/data/*.csv, runs interleaved, medians quoted.
 * The ratio is the figure that matters on a shared machine: analysis does one tokenization plus
 * clauses, sentiment, one keyword pass and the alert rules, so it can never beat raw `cut`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { BenchSuite } from '../index.ts';
import { median, timeRuns } from '../stats.ts';
import { loadAnalyzer } from '../../src/analysis/index.ts';
import { corpusDir, loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { readRecords } from '../../src/sources/files/index.ts';

const RUNS = 5;
const SLICE = 1000;
const DATA_DIR = corpusDir();

async function readReviews(): Promise<string[]> {
  const texts: string[] = [];
  for (const file of fs.readdirSync(DATA_DIR).filter((f) => f.endsWith('.csv')).sort()) {
    for await (const r of readRecords(path.join(DATA_DIR, file))) {
      const text = r.fields.review ?? r.fields.text ?? r.fields.content;
      if (typeof text === 'string' && text.trim() !== '') texts.push(text);
    }
  }
  return texts;
}

const suite: BenchSuite = {
  name: 'analyze',
  description: 'lexicon analysis reviews/s vs raw @node-rs/jieba cut of the same reviews (../shared/data/*.csv)',
  async run() {
    const texts = await readReviews();
    const chars = texts.reduce((n, t) => n + t.length, 0);
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const jieba = Jieba.withDict(dict);
    const analyzer = await loadAnalyzer(loadConfig(), { mode: 'lexicon', logger: createLogger({ level: 'silent' }) });
    // Warm-up: JIT and the converter's lazy tables.
    for (const t of texts.slice(0, 2000)) {
      jieba.cut(t, true);
      analyzer.analyze(t);
    }
    // Slices alternate between the two within each run, so that both see the same load on a
    // shared machine; each run's time is the sum over its slices.
    const cutMs: number[] = [];
    const analyzeMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let cutSum = 0;
      let analyzeSum = 0;
      for (let from = 0; from < texts.length; from += SLICE) {
        const slice = texts.slice(from, from + SLICE);
        cutSum += (await timeRuns(1, () => { for (const t of slice) jieba.cut(t, true); }))[0]!;
        analyzeSum += (await timeRuns(1, () => { for (const t of slice) analyzer.analyze(t); }))[0]!;
      }
      cutMs.push(cutSum);
      analyzeMs.push(analyzeSum);
    }
    const perSec = (ms: number) => Math.round((texts.length / ms) * 1000);
    const cut = perSec(median(cutMs));
    const analyze = perSec(median(analyzeMs));
    const ratio = analyze / cut;
    const mbPerSec = (ms: number) => Number((bytes / 1e6 / (ms / 1000)).toFixed(2));
    process.stdout.write(
      `${texts.length.toLocaleString('en-US')} reviews, ${chars.toLocaleString('en-US')} characters, median of ${RUNS} runs\n` +
        `  raw jieba cut:      ${cut.toLocaleString('en-US')} reviews/s (${mbPerSec(median(cutMs))} MB/s of UTF-8)\n` +
        `  lexicon analysis:   ${analyze.toLocaleString('en-US')} reviews/s (${mbPerSec(median(analyzeMs))} MB/s)\n` +
        `  ratio:              ${(ratio * 100).toFixed(1)}% of raw tokenization speed (target ≥ 25%)\n`,
    );
    return { reviews: texts.length, characters: chars, bytes, runs: RUNS, cutReviewsPerSec: cut, analyzeReviewsPerSec: analyze, ratio: Number(ratio.toFixed(3)) };
  },
};

export default suite;
