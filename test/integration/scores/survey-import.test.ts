import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFieldMap } from '../../../src/ingest/fields.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { importFile, waitForImportRun } from '../../../src/sources/importers/index.ts';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, openContext, sharedAnalyzer, testConfig } from '../pipeline/pipeline-support.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-survey-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('importing a survey export', () => {
  const db = useTestDatabase('survey_import');
  let ctx: PipelineContext;
  let worker: PipelineWorker;
  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('survey')), db.current.url, undefined);
    worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
  });
  afterAll(async () => {
    await worker?.close();
    if (ctx) await closePipelineContext(ctx);
  });

  it('stores NPS, CSAT, CES and product from mapped Chinese columns; an out-of-range score is rejected with its field while the row is stored', async () => {
    const file = path.join(tmp, 'survey.csv');
    fs.writeFileSync(
      file,
      [
        'id,评价,推荐意愿,满意度,ces,商品,posted_at,region',
        'q1,冰袋全化了，毛肚都解冻了,3,2,2,毛肚,2026-11-03 10:00:00,华南',
        'q2,味道很正宗,10,5,5,火锅底料,2026-11-03 11:00:00,华东',
        'q3,还行,11,4,,鸭血,2026-11-03 12:00:00,华北',
        'q4,一般,8,6,9,鸭血,2026-11-03 13:00:00,华北',
      ].join('\n') + '\n',
    );
    const run = await importFile(ctx, { file, channel: 'review', source: 'survey', map: parseFieldMap('text=评价,nps=推荐意愿,csat=满意度,product=商品') });
    const done = await waitForImportRun(ctx.pool, run.runId, { timeoutMs: 30_000 });
    expect(done).toMatchObject({ complete: true, read: 4, stored: 4, duplicates: 0, rejected: 2, rejectedByReason: { invalid_score: 2 } });
    const stored = await ctx.pool.query(`SELECT external_id, nps, csat, ces, product, region FROM feedback WHERE source = 'survey' ORDER BY external_id`);
    expect(stored.rows).toEqual([
      { external_id: 'q1', nps: 3, csat: 2, ces: 2, product: '毛肚', region: '华南' },
      { external_id: 'q2', nps: 10, csat: 5, ces: 5, product: '火锅底料', region: '华东' },
      { external_id: 'q3', nps: null, csat: 4, ces: null, product: '鸭血', region: '华北' },
      { external_id: 'q4', nps: 8, csat: null, ces: null, product: '鸭血', region: '华北' },
    ]);
    const rejected = await ctx.pool.query(`SELECT line, field, reason, message FROM rejected_items WHERE import_id = $1 ORDER BY line`, [done.id]);
    expect(rejected.rows).toEqual([
      { line: 4, field: 'nps', reason: 'invalid_score', message: '"11" is outside 0–10 (nps)' },
      { line: 5, field: 'csat,ces', reason: 'invalid_score', message: '"6" is outside 1–5 (csat); "9" is outside 1–5 (ces)' },
    ]);
    const tallies = await ctx.pool.query(`SELECT product, sum(items)::int AS items FROM feedback_daily WHERE source = 'survey' GROUP BY product ORDER BY product`);
    expect(tallies.rows).toEqual([
      { product: '毛肚', items: 1 },
      { product: '火锅底料', items: 1 },
      { product: '鸭血', items: 2 },
    ]);
  });
});
