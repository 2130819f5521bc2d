import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { normalize } from '../../../src/nlp/normalize.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { importFile, waitForImportRun, type ImportOptions } from '../../../src/sources/importers/index.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, count, expectedTotals, openContext, sharedAnalyzer, tallyTotals, testConfig } from './pipeline-support.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/pipeline');
const REVIEWS = path.join(FIXTURES, 'reviews.csv');
const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function fixtureTexts(): string[] {
  return fs.readFileSync(REVIEWS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]!);
}

describe.each(bothBackends())('import on $backend', ({ backend, redisUrl }) => {
  const db = useTestDatabase('import');
  let ctx: PipelineContext;
  let worker: PipelineWorker;
  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('import')), db.current.url, redisUrl);
    worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
  });
  afterAll(async () => {
    await worker?.close();
    if (ctx) await closePipelineContext(ctx);
  });

  async function importAndWait(options: Omit<ImportOptions, 'channel'> & { channel?: ImportOptions['channel'] }) {
    const run = await importFile(ctx, { channel: 'review', ...options });
    return waitForImportRun(ctx.pool, run.runId, { timeoutMs: 30_000 });
  }

  it('imports a CSV; tallies equal the sums of offline analysis; a re-import stores nothing new', async () => {
    const first = await importAndWait({ file: REVIEWS, source: 'csv' });
    expect(first).toMatchObject({ complete: true, read: 30, stored: 30, duplicates: 0, rejected: 0 });
    const expected = await expectedTotals(fixtureTexts());
    expect(await tallyTotals(ctx.pool, 'csv')).toEqual(expected);

    const again = await importAndWait({ file: REVIEWS, source: 'csv' });
    expect(again).toMatchObject({ complete: true, read: 30, stored: 0, duplicates: 30, rejected: 0 });
    expect(await tallyTotals(ctx.pool, 'csv')).toEqual(expected);
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE source = 'csv'`)).toBe(30);
  });

  it('puts malformed rows in rejected_items with reason, file, line and field, and stores the rest', async () => {
    const file = path.join(FIXTURES, 'reviews-malformed.csv');
    const done = await importAndWait({ file, source: 'malformed' });
    expect(done).toMatchObject({ complete: true, read: 33, stored: 30, rejected: 3 });
    const { rows } = await ctx.pool.query(`SELECT file, line, field, reason FROM rejected_items WHERE import_id = $1 ORDER BY line`, [done.id]);
    expect(rows).toEqual([
      { file, line: 10, field: 'rating', reason: 'invalid_rating' },
      { file, line: 22, field: 'text', reason: 'missing_text' },
      { file, line: 34, field: 'posted_at', reason: 'invalid_posted_at' },
    ]);
  });

  it('reads a GBK export as Excel writes it', async () => {
    const file = path.join(tmp, `gbk-${backend}.csv`);
    fs.writeFileSync(file, iconv.encode(fs.readFileSync(REVIEWS, 'utf8').replace(/\n/g, '\r\n'), 'gbk'));
    const done = await importAndWait({ file, source: 'gbk' });
    expect(done).toMatchObject({ complete: true, read: 30, stored: 30 });
    const texts = async (source: string) =>
      (await ctx.pool.query<{ text: string }>(`SELECT text FROM feedback WHERE source = $1 ORDER BY external_id`, [source])).rows.map((r) => r.text);
    const gbk = await texts('gbk');
    expect(gbk).toContain(normalize('火锅底料味道很正宗，就是配送太慢了'));
    expect([...gbk].sort()).toEqual(fixtureTexts().map(normalize).sort());
    expect(await tallyTotals(ctx.pool, 'gbk')).toEqual(await expectedTotals(fixtureTexts()));
  });

  it('imports XLSX with mapped Chinese headers', async () => {
    const file = path.join(tmp, `reviews-${backend}.xlsx`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导出');
    ws.addRow(['编号', '评价内容', '评分', '时间', '地区']);
    ws.addRow(['x1', '冰袋都化了，饺子粘在一起', '1星', new Date(Date.UTC(2026, 10, 3, 18, 0, 0)), '华南']);
    ws.addRow(['x2', '味道正宗，会回购', 5, '2026-11-04 09:00:00', '西南']);
    await wb.xlsx.writeFile(file);
    const done = await importAndWait({ file, source: 'xlsx', map: { externalId: '编号', text: '评价内容', rating: '评分', postedAt: '时间', region: '地区' } });
    expect(done).toMatchObject({ complete: true, read: 2, stored: 2 });
    const { rows } = await ctx.pool.query(`SELECT external_id, rating, posted_at, region FROM feedback WHERE source = 'xlsx' ORDER BY external_id`);
    expect(rows).toEqual([
      { external_id: 'x1', rating: 1, posted_at: new Date('2026-11-03T10:00:00Z'), region: '华南' },
      { external_id: 'x2', rating: 5, posted_at: new Date('2026-11-04T01:00:00Z'), region: '西南' },
    ]);
  });

  it('imports chat sessions (customer turns only, masked) and social posts (counters in meta)', async () => {
    const chats = await importAndWait({ file: path.join(FIXTURES, 'chats.jsonl'), source: 'kf', channel: 'chat' });
    expect(chats).toMatchObject({ complete: true, read: 3, stored: 3 });
    const { rows: chatRows } = await ctx.pool.query<{ text: string; meta: { turns: { role: string; text: string }[] } }>(
      `SELECT text, meta FROM feedback WHERE source = 'kf' AND external_id = 'cs-001'`,
    );
    expect(chatRows[0]!.text).toMatch(/全化了.*冰袋也破了/);
    expect(chatRows[0]!.text).not.toMatch(/抱歉|补发/);
    expect(JSON.stringify(chatRows[0])).not.toContain('13812345678');
    expect(chatRows[0]!.meta.turns).toHaveLength(4);

    const posts = await importAndWait({ file: path.join(FIXTURES, 'social.jsonl'), source: 'posts', channel: 'social' });
    expect(posts).toMatchObject({ complete: true, read: 2, stored: 2 });
    const { rows } = await ctx.pool.query(`SELECT external_id, author, url, meta FROM feedback WHERE source = 'posts' ORDER BY external_id`);
    expect(rows[0]).toMatchObject({ external_id: 'wb-001', author: '吃货小王', meta: { platform: 'weibo', likes: 120, reposts: 8 } });
    expect(rows[1]).toMatchObject({ external_id: 'xhs-001', meta: { platform: 'xiaohongshu', likes: 12_000, reposts: 30 } });
  });
});

// The command as users run it, in child processes (slow to start: one backend is enough here; the
// stages above run on both).
describe('painpoint import and painpoint queues, on the Postgres queue backend', () => {
  const db = useTestDatabase('import_cli');

  it('painpoint import --wait prints read, stored, duplicates and rejected', async () => {
    const env = { ...process.env, DATABASE_URL: db.current.url, REDIS_URL: '', LOG_LEVEL: 'silent', PAINPOINT_CONFIG: '' };
    const config = path.join(tmp, 'cli.yaml');
    fs.writeFileSync(config, `nlp:\n  sentiment: lexicon\npipeline:\n  queuePrefix: ${uniquePrefix('cli')}\n`);
    const run = () =>
      promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/painpoint.js'), 'import', path.join(FIXTURES, 'reviews-malformed.csv'), '--channel', 'review', '--source', 'cli', '--wait'], {
        env: { ...env, PAINPOINT_CONFIG: config },
        cwd: tmp,
      });
    const first = await run();
    expect(first.stdout).toBe('read 33, stored 30, duplicates 0, rejected 3 (invalid_posted_at 1, invalid_rating 1, missing_text 1)\n');
    const second = await run();
    expect(second.stdout).toBe('read 33, stored 0, duplicates 30, rejected 3 (invalid_posted_at 1, invalid_rating 1, missing_text 1)\n');

    const queues = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/painpoint.js'), 'queues', '--json'], { env: { ...env, PAINPOINT_CONFIG: config }, cwd: tmp });
    const shown = JSON.parse(queues.stdout) as { backend: string; queues: Record<string, Record<string, number>> };
    expect(shown.backend).toBe('postgres');
    const queue = (stage: string) => Object.entries(shown.queues).find(([name]) => name.endsWith(`-${stage}`))![1];
    expect(queue('ingest')).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    expect(queue('ingest').completed).toBeGreaterThan(0);
    // The import's own worker runs both stages, so each ingest job stored its batch: no store jobs.
    expect(queue('store')).toMatchObject({ waiting: 0, active: 0, failed: 0, completed: 0 });
  });
});
