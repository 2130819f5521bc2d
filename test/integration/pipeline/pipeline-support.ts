import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { expect } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { corpusDir, loadConfig, resolveFromRoot, type Config } from '../../../src/config/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { Analyzer } from '../../../src/nlp/index.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { waitForImportRun } from '../../../src/sources/importers/index.ts';

/** A config for one test: its own queue prefix, lexicon sentiment (fast and deterministic), small batches. */
export function testConfig(prefix: string, pipeline: Record<string, unknown> = {}, nlp: Record<string, unknown> = {}): Readonly<Config> {
  return loadConfig({
    configFile: '',
    overrides: { nlp: { sentiment: 'lexicon', ...nlp }, pipeline: { queuePrefix: prefix, batchSize: 100, backoffMs: 200, ...pipeline } },
    env: { LOG_LEVEL: 'silent' },
  });
}

export async function openContext(config: Readonly<Config>, databaseUrl: string, redisUrl: string | undefined): Promise<PipelineContext> {
  return createPipelineContext(config, { databaseUrl, redisUrl, migrate: false, logger: createLogger({ level: 'silent' }) });
}

export { closePipelineContext };

let shared: Promise<Analyzer> | undefined;
/** One analyzer for the whole file: loading the dictionary takes longer than most tests. */
export function sharedAnalyzer(config: Readonly<Config> = testConfig('unused')): Promise<Analyzer> {
  shared ??= loadAnalyzer(config, { logger: createLogger({ level: 'silent' }) });
  return shared;
}

/**
 * Copies the analyzer's data files (dictionary, lexicon, taxonomy, alert rules) into `dir` and
 * returns the nlp settings naming the copies, so that a worker process and the offline analysis in
 * the test read the very same keywords however long the test runs.
 */
export function snapshotNlpAssets(dir: string): Record<string, string> {
  const config = testConfig('unused');
  const out: Record<string, string> = {};
  for (const key of ['userDictionary', 'lexicon', 'taxonomy', 'alerts'] as const) {
    const from = resolveFromRoot(config.nlp[key]);
    const to = path.join(dir, 'nlp', path.basename(from));
    fs.cpSync(from, to, { recursive: true });
    out[key] = to;
  }
  return out;
}

/** Tallies as the stored aspects say they must be: each item once per (topic, polarity). */
export async function talliesFromAspects(pool: pg.Pool, source: string): Promise<TallyTotals> {
  const { rows } = await pool.query<{ key: string; n: number }>(
    `SELECT topic || '|' || polarity AS key, count(DISTINCT feedback_id)::bigint AS n
       FROM feedback_aspects a JOIN feedback f ON f.id = a.feedback_id WHERE f.source = $1 GROUP BY 1 ORDER BY 1`,
    [source],
  );
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
}

export type TallyTotals = Record<string, number>;

/** Mentions per "topic|polarity" over the whole tally table (or one source). */
export async function tallyTotals(pool: pg.Pool, source?: string): Promise<TallyTotals> {
  const { rows } = await pool.query<{ key: string; mentions: number }>(
    `SELECT topic || '|' || polarity AS key, sum(mentions)::bigint AS mentions FROM pain_point_tallies
      WHERE $1::text IS NULL OR source = $1 GROUP BY 1 ORDER BY 1`,
    [source ?? null],
  );
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.mentions)]));
}

/** What the tallies must be: each text's distinct (topic, polarity) pairs from offline analysis, summed. */
export async function expectedTotals(texts: readonly string[], config?: Readonly<Config>): Promise<TallyTotals> {
  const analyzer = await sharedAnalyzer(config);
  const totals: TallyTotals = {};
  for (const analysis of await analyzer.analyzeBatch(texts)) {
    for (const key of new Set(analysis.aspects.map((a) => `${a.topic}|${a.polarity}`))) totals[key] = (totals[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(totals).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Review texts for large imports: the shared labelled corpora where they are beside the checkout,
 * else the bundled demo reviews (then repeated), so these tests run on any clone.
 */
function reviewSources(): { file: string; column: string }[] {
  const corpora = ['waimai_10k.csv', 'online_shopping_7cats.csv'].map((f) => ({ file: path.join(corpusDir(), f), column: 'review' }));
  const present = corpora.filter((c) => fs.existsSync(c.file));
  return present.length > 0 ? present : [{ file: resolveFromRoot('src/demo/samples/reviews.csv'), column: 'text' }];
}

/**
 * Writes a review CSV of `n` rows from `reviewSources()` (read in place, repeated with distinct ids
 * when needed), with dates spread over a month and four regions. Returns the rows' texts.
 */
export async function writeCorpusCsv(file: string, n: number): Promise<string[]> {
  const { readRecords } = await import('../../../src/sources/files/index.ts');
  const texts: string[] = [];
  for (const { file: corpus, column } of reviewSources()) {
    for await (const r of readRecords(corpus)) {
      const text = String(r.fields[column] ?? '').trim();
      if (text) texts.push(text);
      if (texts.length >= n) break;
    }
    if (texts.length >= n) break;
  }
  const regions = ['华南', '华东', '西南', '华北'];
  const rows = ['id,text,posted_at,region'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = texts[i % texts.length]!;
    out.push(text);
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push(`c-${i},"${text.replace(/"/g, '""')}",2026-10-${day} 12:00:00,${regions[i % 4]}`);
  }
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return out;
}

/** The tallies an uninterrupted run must end with: the same ingest and analysis, offline. */
export async function expectedTotalsOfRecords(texts: readonly string[], config: Readonly<Config>): Promise<TallyTotals> {
  const { ingestBatch } = await import('../../../src/ingest/index.ts');
  const { normalize } = await import('../../../src/nlp/normalize.ts');
  const { items } = ingestBatch(
    texts.map((text, i) => ({ record: { channel: 'review' as const, source: 'x', externalId: String(i), text } })),
    { normalize, maskPersonalData: config.pipeline.maskPersonalData, timeZone: config.pipeline.timeZone },
  );
  return expectedTotals(items.map((i) => i.text), config);
}

/**
 * Waits for an interrupted import to finish, then checks nothing was lost or counted twice: every
 * review stored once, the tallies exactly what the stored aspects add up to, and exactly what the
 * same analysis gives offline.
 */
export async function expectImportExactlyOnce(pool: pg.Pool, runId: string, source: string, reviews: number, expected: TallyTotals, timeoutMs: number): Promise<void> {
  const done = await waitForImportRun(pool, runId, { timeoutMs });
  expect(done).toMatchObject({ complete: true, read: reviews, stored: reviews, duplicates: 0, rejected: 0 });
  const tallies = await tallyTotals(pool, source);
  expect(tallies).toEqual(await talliesFromAspects(pool, source));
  expect(tallies).toEqual(expected);
  expect(await count(pool, `SELECT sum(items) AS n FROM feedback_daily WHERE source = $1`, [source])).toBe(reviews);
}
