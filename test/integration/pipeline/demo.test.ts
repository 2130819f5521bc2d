import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysToYesterday } from '../../../src/demo/date-shift.ts';
import { runDemo } from '../../../src/demo/run-demo.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { buildReport } from '../../../src/report/index.ts';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, count, openContext, testConfig } from './pipeline-support.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/pipeline');

describe('daysToYesterday', () => {
  it('counts whole days in the zone from the latest date to yesterday', () => {
    const now = Date.parse('2026-12-01T02:00:00Z'); // 10:00 on 1 December in Shanghai
    expect(daysToYesterday(Date.parse('2026-11-22T15:00:00Z'), 'Asia/Shanghai', now)).toBe(8); // 23:00 on 22 Nov there; yesterday is 30 Nov
    expect(daysToYesterday(Date.parse('2026-11-30T01:00:00Z'), 'Asia/Shanghai', now)).toBe(0);
    expect(daysToYesterday(Date.parse('2026-11-30T20:00:00Z'), 'UTC', now)).toBe(0);
  });
});

describe('the demo on the Postgres queue backend', () => {
  const db = useTestDatabase('demo');
  let ctx: PipelineContext;
  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('demo')), db.current.url, undefined);
  });
  afterAll(async () => {
    if (ctx) await closePipelineContext(ctx);
  });

  it('imports every sample with dates moved so the latest is yesterday, and the report sees them', async () => {
    const said: string[] = [];
    const result = await runDemo(ctx, { dir: FIXTURES, say: (l) => said.push(l) });
    expect(result.imports.map((i) => path.basename(i.sample.file))).toEqual(['reviews.csv', 'chats.jsonl', 'social.jsonl', 'reviews-malformed.csv']);
    expect(result.imports.map((i) => [i.progress.stored, i.progress.rejected])).toEqual([
      [30, 0],
      [3, 0],
      [2, 0],
      [30, 3],
    ]);
    expect(said.at(-2)).toMatch(/reviews-malformed\.csv \(review\): read 33, stored 30, duplicates 0, rejected 3/);
    expect(said.at(-1)).toMatch(/^monitors replayed over the sample weeks: \d+ finding\(s\)$/);
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
    const latest = await ctx.pool.query<{ day: string }>(`SELECT max((posted_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS day FROM feedback`);
    expect(latest.rows[0]!.day).toBe(yesterday);
    const report = await buildReport(ctx.pool, { since: '30d', timeZone: 'Asia/Shanghai' });
    expect(report.totals.items).toBe(await count(ctx.pool, 'SELECT count(*) AS n FROM feedback'));
    expect(report.painPoints.length).toBeGreaterThan(3);
  });
});

describe('the bundled demo samples', () => {
  const db = useTestDatabase('demo_samples');

  it('import without surprises: only the three broken rows are rejected, and no personal data is stored', async () => {
    const ctx = await openContext(testConfig(uniquePrefix('samples')), db.current.url, undefined);
    try {
      const result = await runDemo(ctx, { say: () => undefined });
      const byFile = Object.fromEntries(result.imports.map((i) => [path.basename(i.sample.file), [i.progress.read, i.progress.stored, i.progress.rejected]]));
      expect(byFile).toEqual({
        'reviews.csv': [290, 290, 0],
        'chats.jsonl': [60, 60, 0],
        'social.jsonl': [80, 80, 0],
        'reviews-gbk.csv': [20, 20, 0],
        'surveys.csv': [296, 296, 0],
        'reviews-malformed.csv': [30, 27, 3],
      });
      // the default monitors find the 华南 cold-chain spike in its week, with the region as scope
      const spike = result.findings.find((f) => f.finding.monitor === 'pain-spikes-by-region' && f.finding.topic === 'delivery.cold_chain');
      expect(spike?.finding.scope).toEqual({ region: '华南' });
      expect(spike!.finding.p_value).toBeLessThan(0.001);
      expect(await count(ctx.pool, 'SELECT count(*) AS n FROM feedback WHERE nps IS NOT NULL AND csat IS NOT NULL')).toBe(296);
      expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE text ~ '1[3-9][0-9]{9}' OR text ~ '@[a-z0-9-]+[.]' OR meta::text ~ '1[3-9][0-9]{9}'`)).toBe(0);
      expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE text LIKE '%[手机号]%' OR text LIKE '%[邮箱]%'`)).toBeGreaterThan(0);
    } finally {
      await closePipelineContext(ctx);
    }
  });
});
