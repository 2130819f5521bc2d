import { beforeAll, describe, expect, it } from 'vitest';
import { loadTopicsSummary, SPARK_WINDOWS } from '../../../src/dashboard/read/overview.ts';
import { saveAnalyzedBatch } from '../../../src/store/feedback-repository.ts';
import type { Queryable } from '../../../src/store/pool.ts';
import { sqlFolder } from '../../../src/store/sql-files.ts';
import { useTestDatabase } from '../../support/services.ts';
import { expectedTallies, makeItems } from '../store/analyzed-items.ts';

describe('the overview\'s pain points and praise', () => {
  const db = useTestDatabase('overview');
  // posted 1–5 March (all three polarities): with today 8 March, 1 March is in the second-last window
  const items = makeItems(400, { seed: 14 });
  beforeAll(async () => {
    await saveAnalyzedBatch(db.current.pool, items, { timeZone: 'Asia/Shanghai' });
  });

  it('reads both polarities\' sparklines in one query, each series its own polarity\'s mentions', async () => {
    const texts: string[] = [];
    const pool = db.current.pool;
    const counting = { query: ((text: string, params: unknown[]) => (texts.push(text), pool.query(text, params))) as unknown as Queryable['query'] };
    const summary = await loadTopicsSummary(counting, '2026-03-08', '7d');
    expect(texts.filter((t) => t === sqlFolder('dashboard')('daily-by-topic'))).toHaveLength(1);

    const expected = (polarity: string) => {
      const out = new Map<string, number[]>();
      for (const [key, n] of expectedTallies(items)) {
        const [day, , , topic, p] = key.split('|');
        if (p !== polarity) continue;
        const series = out.get(topic!) ?? new Array<number>(SPARK_WINDOWS).fill(0);
        series[day === '2026-03-01' ? SPARK_WINDOWS - 2 : SPARK_WINDOWS - 1]! += n;
        out.set(topic!, series);
      }
      return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)));
    };
    const sparks = (list: { topic: string; spark: number[] }[]) => Object.fromEntries(list.map((t) => [t.topic, t.spark]).sort(([a], [b]) => String(a).localeCompare(String(b))));
    expect(sparks(summary.negative)).toEqual(expected('negative'));
    expect(sparks(summary.positive)).toEqual(expected('positive'));
    expect(sparks(summary.negative)).not.toEqual(sparks(summary.positive));
  });
});
