/**
 * Document sentiment with the ensemble (lexicon + the shipped model) beside raw @node-rs/jieba
 * tokenization of the same reviews, in the same run, medians of interleaved runs. Also the model
 * alone on its fast path, and the same model through the transformers pipeline (the path any other
 * Hugging Face model takes), on a slice since it is far slower.
 */
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { BenchSuite } from '../index.ts';
import { median, timeRuns } from '../stats.ts';
import { loadAnalyzer } from '../../src/analysis/index.ts';
import { corpusDir, loadConfig, resolveFromRoot } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { loadSentimentClassifier, readLabelledCsv } from '../../src/sentiment-model/index.ts';

const RUNS = 5;
/** Every STRIDE-th review of the corpora: ~10,000 reviews keep a run to seconds on a shared machine. */
const STRIDE = 5;
const PIPELINE_SLICE = 1000;
const DATA_DIR = corpusDir();

const suite: BenchSuite = {
  name: 'ensemble',
  description: 'ensemble sentiment (lexicon + model) reviews/s vs raw @node-rs/jieba cut of the same reviews; model fast path and pipeline path',
  async run() {
    const texts = ['waimai_10k.csv', 'online_shopping_7cats.csv']
      .flatMap((f) => readLabelledCsv(path.join(DATA_DIR, f)).reviews.map((r) => r.text))
      .filter((_, i) => i % STRIDE === 0);
    const config = loadConfig();
    const batch = config.pipeline.batchSize;
    const jieba = Jieba.withDict(dict);
    const logger = createLogger({ level: 'silent' });
    const ensemble = await loadAnalyzer(config, { mode: 'ensemble', logger });
    const modelDir = resolveFromRoot(config.nlp.sentimentModel);
    const fast = await loadSentimentClassifier(modelDir);
    const viaPipeline = await loadSentimentClassifier(modelDir, { forcePipeline: true });

    const analyzeAll = async () => {
      for (let i = 0; i < texts.length; i += batch) await ensemble.analyzeBatch(texts.slice(i, i + batch));
    };
    // Warm-up: JIT, lazy tables, the ONNX session.
    for (const t of texts.slice(0, 2000)) jieba.cut(t, true);
    await ensemble.analyzeBatch(texts.slice(0, 2000));
    await viaPipeline.scoreBatch(texts.slice(0, 64));

    const cutMs: number[] = [];
    const ensembleMs: number[] = [];
    const modelMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      cutMs.push(...(await timeRuns(1, () => {
        for (const t of texts) jieba.cut(t, true);
      })));
      ensembleMs.push(...(await timeRuns(1, analyzeAll)));
      modelMs.push(...(await timeRuns(1, () => fast.scoreBatch(texts))));
    }
    const slice = texts.slice(0, PIPELINE_SLICE);
    const pipelineMs = await timeRuns(3, () => viaPipeline.scoreBatch(slice));

    const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);
    const cut = perSec(texts.length, median(cutMs));
    const ens = perSec(texts.length, median(ensembleMs));
    const model = perSec(texts.length, median(modelMs));
    const pipe = perSec(slice.length, median(pipelineMs));
    const ratio = ens / cut;
    const f = (n: number) => n.toLocaleString('en-US');
    process.stdout.write(
      `${f(texts.length)} reviews (every ${STRIDE}th of ${DATA_DIR}), batches of ${batch}, median of ${RUNS} runs\n` +
        `  raw jieba cut:          ${f(cut)} reviews/s\n` +
        `  ensemble analysis:      ${f(ens)} reviews/s\n` +
        `  ratio:                  ${(ratio * 100).toFixed(1)}% of raw tokenization speed (target ≥ 10%)\n` +
        `  model alone, fast path: ${f(model)} reviews/s\n` +
        `  model via pipeline:     ${f(pipe)} reviews/s (${f(slice.length)} reviews, median of 3)\n`,
    );
    return {
      reviews: texts.length,
      runs: RUNS,
      batch,
      cutReviewsPerSec: cut,
      ensembleReviewsPerSec: ens,
      ratio: Number(ratio.toFixed(3)),
      modelFastPathReviewsPerSec: model,
      modelPipelineReviewsPerSec: pipe,
    };
  },
};

export default suite;
