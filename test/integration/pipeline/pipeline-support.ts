import type pg from 'pg';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { loadConfig, type Config } from '../../../src/config/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { Analyzer } from '../../../src/nlp/index.ts';
import { closePipelineContext, createPipelineContext } from '../../../src/pipeline/connection.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';

/** A config for one test: its own queue prefix, lexicon sentiment (fast and deterministic), small batches. */
export function testConfig(prefix: string, pipeline: Record<string, unknown> = {}): Readonly<Config> {
  return loadConfig({
    configFile: '',
    overrides: { nlp: { sentiment: 'lexicon' }, pipeline: { queuePrefix: prefix, batchSize: 100, backoffMs: 200, ...pipeline } },
    env: { LOG_LEVEL: 'silent' },
  });
}

export async function openContext(config: Readonly<Config>, databaseUrl: string, redisUrl: string | undefined): Promise<PipelineContext> {
  return createPipelineContext(config, { databaseUrl, redisUrl, migrate: false, logger: createLogger({ level: 'silent' }) });
}

export { closePipelineContext };

let shared: Promise<Analyzer> | undefined;
/** One analyzer for the whole file: loading the dictionary takes longer than most tests. */
export function sharedAnalyzer(): Promise<Analyzer> {
  shared ??= loadAnalyzer(testConfig('unused'), { logger: createLogger({ level: 'silent' }) });
  return shared;
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
export async function expectedTotals(texts: readonly string[]): Promise<TallyTotals> {
  const analyzer = await sharedAnalyzer();
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
