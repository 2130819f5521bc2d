import { describe, expect, it } from 'vitest';
import { saveAnalyzedBatch, type AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';
import { saveRejections } from '../../../src/store/rejected-items-repository.ts';
import { createPool } from '../../../src/store/pool.ts';
import { createTestDatabase, useTestDatabase } from '../../support/services.ts';
import { expectedTallies, makeItems } from './analyzed-items.ts';
import type pg from 'pg';

async function tallies(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ k: string; mentions: number }>(
    "SELECT concat_ws('|', day, channel, source, topic, polarity, region, segment) AS k, mentions FROM pain_point_tallies",
  );
  return new Map(rows.map((r) => [r.k, r.mentions]));
}

async function counts(pool: pg.Pool) {
  const { rows } = await pool.query<Record<string, number>>(`SELECT
    (SELECT count(*) FROM feedback)::int AS feedback,
    (SELECT count(*) FROM feedback_aspects)::int AS aspects,
    (SELECT coalesce(sum(mentions), 0)::int FROM pain_point_tallies) AS mentions,
    (SELECT coalesce(sum(items), 0)::int FROM feedback_daily) AS daily_items,
    (SELECT coalesce(sum(negative_items), 0)::int FROM feedback_daily) AS daily_negative,
    (SELECT count(*) FROM alerts)::int AS alerts`);
  return rows[0]!;
}

const chopped = (item: AnalyzedFeedback): AnalyzedFeedback => ({
  ...item,
  text: '味道很正宗，就是配送太慢了，配送真的太慢',
  analysis: {
    sentiment: { label: 'negative', score: -0.4 },
    aspects: [
      { topic: 'product.taste', polarity: 'positive', evidence: '味道很正宗' },
      { topic: 'delivery.timeliness', polarity: 'negative', evidence: '就是配送太慢了' },
      { topic: 'delivery.timeliness', polarity: 'negative', evidence: '配送真的太慢' },
    ],
    alerts: [
      { rule: 'late_delivery', severity: 'medium', keyword: '太慢', evidence: '就是配送太慢了' },
      { rule: 'late_delivery', severity: 'medium', keyword: '太慢', evidence: '配送真的太慢' },
      { rule: 'food_safety', severity: 'critical', keyword: '拉肚子', evidence: '吃完拉肚子' },
    ],
  },
});

describe('saveAnalyzedBatch', () => {
  const db = useTestDatabase('feedback_repo');

  it('stores an item with its aspects, tallies, daily counts and alerts', async () => {
    const item = chopped({ ...makeItems(1)[0]!, externalId: 'one', source: 'one-shop', postedAt: '2026-03-01T20:30:00Z', region: undefined, segment: 'VIP' });
    const result = await saveAnalyzedBatch(db.current.pool, [item], { deadlineHours: { critical: 1, high: 4, medium: 24, low: 24 } });
    expect(result.stored).toBe(1);
    expect(result.duplicates).toBe(0);
    expect(result.alertIds).toHaveLength(2);

    const pool = db.current.pool;
    const aspects = await pool.query('SELECT a.ordinal, a.topic, a.polarity, a.evidence FROM feedback_aspects a JOIN feedback f ON f.id = a.feedback_id WHERE f.source = $1 ORDER BY ordinal', ['one-shop']);
    expect(aspects.rows).toEqual([
      { ordinal: 0, topic: 'product.taste', polarity: 'positive', evidence: '味道很正宗' },
      { ordinal: 1, topic: 'delivery.timeliness', polarity: 'negative', evidence: '就是配送太慢了' },
      { ordinal: 2, topic: 'delivery.timeliness', polarity: 'negative', evidence: '配送真的太慢' },
    ]);
    // 20:30 UTC is the next morning in Shanghai; two clauses on delivery count once; no region is ''.
    const t = await pool.query("SELECT day, topic, polarity, region, segment, mentions FROM pain_point_tallies WHERE source = 'one-shop' ORDER BY topic");
    expect(t.rows).toEqual([
      { day: '2026-03-02', topic: 'delivery.timeliness', polarity: 'negative', region: '', segment: 'VIP', mentions: 1 },
      { day: '2026-03-02', topic: 'product.taste', polarity: 'positive', region: '', segment: 'VIP', mentions: 1 },
    ]);
    const daily = await pool.query("SELECT day, items, negative_items FROM feedback_daily WHERE source = 'one-shop'");
    expect(daily.rows).toEqual([{ day: '2026-03-02', items: 1, negative_items: 1 }]);
    const alerts = await pool.query<{ rule: string; severity: string; keyword: string; evidence: string; status: string; hours: number }>(
      "SELECT rule, severity, keyword, evidence, status, round(extract(epoch FROM due_at - created_at) / 3600)::int AS hours FROM alerts ORDER BY rule",
    );
    expect(alerts.rows).toEqual([
      { rule: 'food_safety', severity: 'critical', keyword: '拉肚子', evidence: '吃完拉肚子', status: 'pending', hours: 1 },
      { rule: 'late_delivery', severity: 'medium', keyword: '太慢', evidence: '就是配送太慢了', status: 'pending', hours: 24 },
    ]);
    const stored = await pool.query("SELECT text, sentiment_label, sentiment_score, posted_at IS NOT NULL AS posted FROM feedback WHERE source = 'one-shop'");
    expect(stored.rows[0]).toMatchObject({ text: '味道很正宗，就是配送太慢了，配送真的太慢', sentiment_label: 'negative', posted: true });
  });

  it('keeps text with quotes, backslashes, braces, commas and the word NULL exactly', async () => {
    const nasty = '他说"太慢了"，\\ {包装}, 破损 NULL\n第二行';
    const [item] = makeItems(1, { source: 'nasty' });
    const withText = { ...item!, text: nasty, author: 'NULL', meta: { note: 'a "quoted" {x}' } };
    withText.analysis = { ...withText.analysis, aspects: [{ topic: 'product.packaging', polarity: 'negative', evidence: nasty }] };
    await saveAnalyzedBatch(db.current.pool, [withText]);
    const { rows } = await db.current.pool.query("SELECT f.text, f.author, f.meta, a.evidence FROM feedback f JOIN feedback_aspects a ON a.feedback_id = f.id WHERE f.source = 'nasty'");
    expect(rows).toEqual([{ text: nasty, author: 'NULL', meta: { note: 'a "quoted" {x}' }, evidence: nasty }]);
  });

  it('counts an item without posted_at on today in the configured zone', async () => {
    const [item] = makeItems(1, { source: 'undated' });
    await saveAnalyzedBatch(db.current.pool, [{ ...item!, postedAt: undefined }], { timeZone: 'Asia/Shanghai' });
    const { rows } = await db.current.pool.query("SELECT day = (now() AT TIME ZONE 'Asia/Shanghai')::date AS today FROM feedback_daily WHERE source = 'undated'");
    expect(rows).toEqual([{ today: true }]);
  });

  it('makes the tallies equal the per-item sums, and a re-import or retried batch adds nothing', async () => {
    const fresh = await createTestDatabase('feedback_dupes');
    try {
      const items = makeItems(600, { seed: 7 });
      for (let i = 0; i < items.length; i += 200) await saveAnalyzedBatch(fresh.pool, items.slice(i, i + 200));
      const before = await counts(fresh.pool);
      expect(before.feedback).toBe(600);
      expect(await tallies(fresh.pool)).toEqual(expectedTallies(items));
      expect(before.daily_items).toBe(600);
      expect(before.daily_negative).toBe(items.filter((i) => i.analysis.sentiment.label === 'negative').length);
      expect(before.alerts).toBe(items.filter((i) => i.analysis.alerts.length > 0).length);

      const again = await saveAnalyzedBatch(fresh.pool, items.slice(100, 400));
      expect(again).toEqual({ stored: 0, duplicates: 300, alertIds: [], staleAlerts: 0, refused: [] });
      // Repeats inside one batch are one item.
      const repeated = makeItems(3, { seed: 9, source: 'repeats' });
      const within = await saveAnalyzedBatch(fresh.pool, [...repeated, ...repeated, repeated[0]!]);
      expect(within.stored).toBe(3);
      expect(within.duplicates).toBe(4);
      const after = await counts(fresh.pool);
      expect(after.feedback).toBe(603);
      expect(await tallies(fresh.pool)).toEqual(expectedTallies([...items, ...repeated]));
    } finally {
      await fresh.drop();
    }
  });

  it('never double-counts when overlapping batches are stored concurrently', async () => {
    const fresh = await createTestDatabase('feedback_concurrent');
    const pools = [createPool(fresh.url, { max: 2 }), createPool(fresh.url, { max: 2 }), createPool(fresh.url, { max: 2 })];
    try {
      const items = makeItems(900, { seed: 11 });
      // Each worker stores every item, in its own order and batch sizes: all collide on every key.
      const orders = [items, [...items].reverse(), [...items.slice(450), ...items.slice(0, 450)]];
      const sizes = [100, 150, 75];
      const results = await Promise.all(
        pools.map(async (pool, w) => {
          let stored = 0;
          for (let i = 0; i < items.length; i += sizes[w]!) stored += (await saveAnalyzedBatch(pool, orders[w]!.slice(i, i + sizes[w]!))).stored;
          return stored;
        }),
      );
      expect(results.reduce((a, b) => a + b, 0)).toBe(900);
      const c = await counts(fresh.pool);
      expect(c.feedback).toBe(900);
      expect(c.daily_items).toBe(900);
      expect(await tallies(fresh.pool)).toEqual(expectedTallies(items));
      const aspectsExpected = items.reduce((n, i) => n + i.analysis.aspects.length, 0);
      expect(c.aspects).toBe(aspectsExpected);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await fresh.drop();
    }
  });
});

describe('saveRejections', () => {
  const db = useTestDatabase('rejections');

  it('records each rejection once, however often its job runs', async () => {
    const rejections = [
      { reason: 'empty_text', message: 'the text is empty', field: 'text', file: 'reviews.csv', line: 3, raw: '3,,5' },
      { reason: 'bad_rating', message: 'rating "七" is not 1–5', field: 'rating', file: 'reviews.csv', line: 9, raw: '9,好吃,七' },
      { reason: 'no_text', message: 'no text on the page', source: 'shop', raw: '<div></div>' },
    ];
    expect(await saveRejections(db.current.pool, 'run-1', rejections)).toBe(3);
    expect(await saveRejections(db.current.pool, 'run-1', rejections)).toBe(0);
    expect(await saveRejections(db.current.pool, 'run-2', rejections.slice(0, 1))).toBe(1);
    const { rows } = await db.current.pool.query('SELECT import_id, line, field, reason, message FROM rejected_items ORDER BY import_id, line NULLS LAST');
    expect(rows).toEqual([
      { import_id: 'run-1', line: 3, field: 'text', reason: 'empty_text', message: 'the text is empty' },
      { import_id: 'run-1', line: 9, field: 'rating', reason: 'bad_rating', message: 'rating "七" is not 1–5' },
      { import_id: 'run-1', line: null, field: null, reason: 'no_text', message: 'no text on the page' },
      { import_id: 'run-2', line: 3, field: 'text', reason: 'empty_text', message: 'the text is empty' },
    ]);
  });
});
