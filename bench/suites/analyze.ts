/**
 * Analysis throughput (reviews/s) beside raw @node-rs/jieba tokenization (`cut`) of the same texts,
 * in the same run: the reviews of ../shared/data/*.csv, runs interleaved, medians quoted. Three
 * figures: the rules alone (lexicon sentiment, no learned component), the configured pipeline as
 * `painpoint analyze` runs it (learned aspects, the document model, batches of 256), and the whole
 * `painpoint analyze` command (process start, reading, analysis, JSON out) on 100,000 reviews.
 * Ratios to raw `cut` are the figures that matter on a shared machine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { BenchSuite } from '../index.ts';
import { median, timeRuns } from '../stats.ts';
import { loadAnalyzer } from '../../src/analysis/index.ts';
import { corpusDir, loadConfig, PACKAGE_ROOT } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { RULE_PIPELINE } from '../../src/nlp/index.ts';
import { readRecords } from '../../src/sources/files/index.ts';

const RUNS = 3;
const SLICE = 1024;
const BATCH = 256;
const COMMAND_REVIEWS = 100_000;
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
  description: 'analysis reviews/s (rules; configured pipeline; the painpoint analyze command on 100k) vs raw @node-rs/jieba cut of the same reviews',
  async run() {
    const texts = await readReviews();
    const chars = texts.reduce((n, t) => n + t.length, 0);
    const jieba = Jieba.withDict(dict);
    const logger = createLogger({ level: 'silent' });
    const rules = await loadAnalyzer(loadConfig(), { mode: 'lexicon', pipeline: RULE_PIPELINE, logger });
    const configured = await loadAnalyzer(loadConfig(), { logger });
    // Warm-up: JIT and the converter's lazy tables.
    for (const t of texts.slice(0, 2000)) {
      jieba.cut(t, true);
      rules.analyze(t);
    }
    await configured.analyzeBatch(texts.slice(0, 2000));
    // Slices alternate between the three within each run, so that all see the same load.
    const cutMs: number[] = [];
    const rulesMs: number[] = [];
    const fullMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let cutSum = 0;
      let rulesSum = 0;
      let fullSum = 0;
      for (let from = 0; from < texts.length; from += SLICE) {
        const slice = texts.slice(from, from + SLICE);
        cutSum += (await timeRuns(1, () => { for (const t of slice) jieba.cut(t, true); }))[0]!;
        rulesSum += (await timeRuns(1, () => { for (const t of slice) rules.analyze(t); }))[0]!;
        fullSum += (await timeRuns(1, async () => { for (let i = 0; i < slice.length; i += BATCH) await configured.analyzeBatch(slice.slice(i, i + BATCH)); }))[0]!;
      }
      cutMs.push(cutSum);
      rulesMs.push(rulesSum);
      fullMs.push(fullSum);
    }
    const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);
    const cut = perSec(texts.length, median(cutMs));
    const rulesRate = perSec(texts.length, median(rulesMs));
    const fullRate = perSec(texts.length, median(fullMs));

    // The whole command on 100k reviews (the corpora repeated), with raw cut of the same texts
    // timed just before and just after it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-bench-'));
    const input = path.join(dir, 'reviews.jsonl');
    const many = Array.from({ length: COMMAND_REVIEWS }, (_, i) => texts[i % texts.length]!);
    fs.writeFileSync(input, many.map((text, i) => JSON.stringify({ id: i, text })).join('\n') + '\n');
    const cutMany = () => timeRuns(1, () => { for (const t of many) jieba.cut(t, true); });
    const before = (await cutMany())[0]!;
    const started = performance.now();
    execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'bin/painpoint.js'), 'analyze', input], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'error' } });
    const commandMs = performance.now() - started;
    const after = (await cutMany())[0]!;
    fs.rmSync(dir, { recursive: true, force: true });
    const commandCut = perSec(COMMAND_REVIEWS, (before + after) / 2);
    const command = perSec(COMMAND_REVIEWS, commandMs);

    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    process.stdout.write(
      `${texts.length.toLocaleString('en-US')} reviews, ${chars.toLocaleString('en-US')} characters, median of ${RUNS} runs; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n` +
        `  raw jieba cut:          ${cut.toLocaleString('en-US')} reviews/s\n` +
        `  rules (lexicon):        ${rulesRate.toLocaleString('en-US')} reviews/s  ${pct(rulesRate / cut)} of cut\n` +
        `  configured pipeline:    ${fullRate.toLocaleString('en-US')} reviews/s  ${pct(fullRate / cut)} of cut\n` +
        `  painpoint analyze, ${COMMAND_REVIEWS.toLocaleString('en-US')} reviews: ${command.toLocaleString('en-US')} reviews/s (${(commandMs / 1000).toFixed(1)} s) vs cut ${commandCut.toLocaleString('en-US')} reviews/s: ${pct(command / commandCut)} (target ≥ 12%)\n`,
    );
    return {
      reviews: texts.length,
      characters: chars,
      runs: RUNS,
      loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
      cutReviewsPerSec: cut,
      rulesReviewsPerSec: rulesRate,
      pipelineReviewsPerSec: fullRate,
      rulesRatio: Number((rulesRate / cut).toFixed(3)),
      pipelineRatio: Number((fullRate / cut).toFixed(3)),
      commandReviewsPerSec: command,
      commandRatio: Number((command / commandCut).toFixed(3)),
    };
  },
};

export default suite;
