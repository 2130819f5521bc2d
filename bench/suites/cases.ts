/**
 * What closing the loop costs the store: items per second through saveAnalyzedBatch when its batches
 * open cases (one transaction: the batch statement, then recurrence marking) and, on the same items
 * in the same run, through the batch statement alone (the path before cases had recurrence). Items
 * come from 2,000 repeat customers, a fifth of them raising an alert, plus negative_feedback cases.
 */
import type { BenchSuite } from '../index.ts';
import { median } from '../stats.ts';
import { startThrowawayServices } from '../../src/services/throwaway.ts';
import { saveAnalyzedBatch, type AnalyzedFeedback } from '../../src/store/feedback-repository.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createPool } from '../../src/store/pool.ts';
import { makeItems } from '../../test/integration/store/analyzed-items.ts';

const RUNS = 3;
const ITEMS = 20_000;
const BATCH = 2_000;
const NEGATIVE_FEEDBACK = { ratingAtMost: 2, sentiment: 'negative' as const, severity: 'low' as const };

function items(run: number, label: string): AnalyzedFeedback[] {
  const day = Date.parse('2026-10-01T04:00:00Z');
  return makeItems(ITEMS, { seed: run + 1, source: `bench-${label}-${run}` }).map((it, i) => ({
    ...it,
    author: `客户${i % 2000}`,
    orderId: `O${i % 5000}`,
    rating: (i % 5) + 1,
    postedAt: new Date(day + (i % 60) * 86_400_000).toISOString(),
  }));
}

async function pass(databaseUrl: string, batch: AnalyzedFeedback[], withCases: boolean): Promise<number> {
  const pool = createPool(databaseUrl, { max: 1 });
  try {
    await migrate(pool);
    const t0 = performance.now();
    for (let i = 0; i < batch.length; i += BATCH) {
      const slice = batch.slice(i, i + BATCH);
      // Without cases: the same items with their alerts and no negative_feedback rule: the batch
      // statement alone where no alert is raised, one statement per batch.
      if (withCases) await saveAnalyzedBatch(pool, slice, { negativeFeedback: NEGATIVE_FEEDBACK });
      else await saveAnalyzedBatch(pool, slice.map((it) => ({ ...it, analysis: { ...it.analysis, alerts: [] } })));
    }
    return (batch.length / (performance.now() - t0)) * 1000;
  } finally {
    await pool.end();
  }
}

const suite: BenchSuite = {
  name: 'cases',
  description: 'store items/s with cases (alerts, negative_feedback, recurrence) against the same items opening no case, same run',
  async run() {
    const services = await startThrowawayServices({ redis: false });
    try {
      const withCases: number[] = [];
      const without: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        without.push(await pass(services.databaseUrl, items(r, 'plain'), false));
        withCases.push(await pass(services.databaseUrl, items(r, 'cases'), true));
      }
      const figure = { batch: BATCH, items: ITEMS, withCasesPerSec: Math.round(median(withCases)), noCasesPerSec: Math.round(median(without)), ratio: Number((median(withCases) / median(without)).toFixed(2)) };
      process.stdout.write(`store batch ${BATCH}: ${figure.withCasesPerSec} items/s opening cases, ${figure.noCasesPerSec} items/s opening none (ratio ${figure.ratio}, median of ${RUNS})\n`);
      return figure;
    } finally {
      await services.stop();
    }
  },
};

export default suite;
