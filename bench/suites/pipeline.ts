/**
 * End-to-end throughput: a 100k-review CSV imported (`importFile`, streamed) and carried through
 * ingest → analyze → store by a worker until every item is in the tallies, on each queue backend;
 * beside raw @node-rs/jieba tokenization of the same texts in the same run. Reviews come from
 * ../shared/data/*.csv, repeated with distinct ids. Per-stage processor time shows which stage
 * limits the pipeline. Servers: a throwaway Postgres and redis-server (durability off).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import pg from 'pg';
import type { BenchSuite } from '../index.ts';
import { median, timeRuns } from '../stats.ts';
import { loadAnalyzer } from '../../src/analysis/index.ts';
import { loadConfig, PACKAGE_ROOT } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { closePipelineContext, createPipelineContext } from '../../src/pipeline/connection.ts';
import { startPipelineWorker, type PipelineStage, type StageTiming } from '../../src/pipeline/worker.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { readRecords } from '../../src/sources/files/index.ts';
import { importFile, waitForImportRun } from '../../src/sources/importers/index.ts';

const REVIEWS = Number(process.env.PAINPOINT_BENCH_REVIEWS ?? 100_000);
const RUNS = Number(process.env.PAINPOINT_BENCH_RUNS ?? 1);
const DATA_DIR = process.env.PAINPOINT_BENCH_DATA ?? path.resolve(PACKAGE_ROOT, '../shared/data');
const REGIONS = ['华南', '华东', '华北', '西南', '华中'];
const SEGMENTS = ['new', 'returning', 'VIP'];

async function readReviews(): Promise<string[]> {
  const texts: string[] = [];
  for (const file of fs.readdirSync(DATA_DIR).filter((f) => f.endsWith('.csv')).sort()) {
    for await (const r of readRecords(path.join(DATA_DIR, file))) {
      const text = r.fields.review ?? r.fields.text;
      if (typeof text === 'string' && text.trim() !== '') texts.push(text);
    }
  }
  return texts;
}

function writeCsv(file: string, texts: readonly string[]): void {
  const lines = ['id,text,posted_at,region,segment'];
  for (let i = 0; i < REVIEWS; i++) {
    const text = texts[i % texts.length]!.replace(/"/g, '""');
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`b-${i},"${text}",2026-10-${day} ${String(i % 24).padStart(2, '0')}:00:00,${REGIONS[i % REGIONS.length]},${SEGMENTS[i % SEGMENTS.length]}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

interface Run {
  reviewsPerSec: number;
  seconds: number;
  timings: Record<PipelineStage, StageTiming>;
}

async function oneRun(backend: 'redis' | 'postgres', adminUrl: string, redisUrl: string | undefined, file: string, run: number): Promise<Run> {
  const name = `bench_${backend}_${run}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({ configFile: '', overrides: { nlp: { sentiment: 'lexicon' }, pipeline: { queuePrefix: `bench-${backend}-${run}` } }, env: {} });
  const ctx = await createPipelineContext(config, { databaseUrl: url.toString(), redisUrl, logger: createLogger({ level: 'silent' }) });
  const analyzer = await loadAnalyzer(config, { mode: 'lexicon', logger: createLogger({ level: 'silent' }) });
  const worker = await startPipelineWorker(ctx, { analyzer });
  try {
    const t0 = performance.now();
    const started = await importFile(ctx, { file, channel: 'review', source: 'bench' });
    const done = await waitForImportRun(ctx.pool, started.runId);
    const seconds = (performance.now() - t0) / 1000;
    if (done.stored !== REVIEWS) throw new Error(`stored ${done.stored} of ${REVIEWS}`);
    return { reviewsPerSec: REVIEWS / seconds, seconds, timings: structuredClone(worker.timings) };
  } finally {
    await worker.close();
    await closePipelineContext(ctx);
  }
}

const suite: BenchSuite = {
  name: 'pipeline',
  description: `import → tallies end to end for ${REVIEWS.toLocaleString('en-US')} reviews on each queue backend, beside raw jieba cut`,
  async run() {
    const texts = await readReviews();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-bench-'));
    const file = path.join(tmp, 'reviews.csv');
    writeCsv(file, texts);
    const sample = Array.from({ length: REVIEWS }, (_, i) => texts[i % texts.length]!);
    const jieba = Jieba.withDict(dict);
    for (const t of sample.slice(0, 2000)) jieba.cut(t, true);
    const cutMs = median(await timeRuns(3, () => {
      for (const t of sample) jieba.cut(t, true);
    }));
    const cutPerSec = Math.round((REVIEWS / cutMs) * 1000);
    process.stdout.write(`raw jieba cut: ${cutPerSec.toLocaleString('en-US')} reviews/s\n`);

    const services = await startThrowawayServices({ redis: true });
    const results: Record<string, unknown> = { reviews: REVIEWS, cutReviewsPerSec: cutPerSec };
    try {
      for (const backend of ['redis', 'postgres'] as const) {
        const runs: Run[] = [];
        for (let r = 0; r < RUNS; r++) runs.push(await oneRun(backend, services.adminUrl, backend === 'redis' ? services.redisUrl : undefined, file, r));
        const best = runs.sort((a, b) => a.reviewsPerSec - b.reviewsPerSec)[runs.length >> 1]!;
        const stages = Object.fromEntries(Object.entries(best.timings).map(([s, t]) => [s, { jobs: t.jobs, ms: Math.round(t.ms), perItemUs: Number(((t.ms * 1000) / REVIEWS).toFixed(1)) }]));
        const limiting = Object.entries(best.timings).sort((a, b) => b[1].ms - a[1].ms)[0]![0];
        const rate = Math.round(median(runs.map((x) => x.reviewsPerSec)));
        process.stdout.write(
          `${backend}: ${rate.toLocaleString('en-US')} reviews/s end to end (${best.seconds.toFixed(1)} s; ${((rate / cutPerSec) * 100).toFixed(1)}% of raw cut)\n` +
            Object.entries(stages).map(([s, t]) => `  ${s.padEnd(8)} ${String(t.ms).padStart(7)} ms in ${t.jobs} jobs (${t.perItemUs} µs/review)\n`).join('') +
            `  limiting stage: ${limiting}\n`,
        );
        results[backend] = { reviewsPerSec: rate, seconds: Number(best.seconds.toFixed(2)), stages, limiting };
      }
    } finally {
      await services.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return results;
  },
};

export default suite;
