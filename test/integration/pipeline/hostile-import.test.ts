import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PainpointError } from '../../../src/errors/index.ts';
import { ingestBatch } from '../../../src/ingest/index.ts';
import { normalize } from '../../../src/nlp/normalize.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import type { StoreJobData } from '../../../src/pipeline/payloads.ts';
import type { BatchAnalyzer } from '../../../jobs/analyze.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { importFile, waitForImportRun } from '../../../src/sources/importers/index.ts';
import { finishReading, startImportRun } from '../../../src/store/import-runs-repository.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, count, openContext, sharedAnalyzer, testConfig } from './pipeline-support.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-hostile-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** 200 review rows, seven of them broken in a different way each. */
function hostileCsv(): { bytes: Buffer; bad: Record<number, string> } {
  const parts: Buffer[] = [Buffer.from('id,text,rating\n')];
  const bad: Record<number, string> = {};
  for (let i = 1; i <= 200; i++) {
    const line = i + 1;
    let row = `r${i},第${i}条：味道很正宗，就是配送太慢了,4\n`;
    if (i === 50) [row, bad[line]] = [`r${i},含有\u0000空字节的评价,1\n`, 'invalid_characters'];
    if (i === 60) row = `r${i},一个"引号在中间也照样存,5\n`;
    if (i === 70) [row, bad[line]] = [`r${i},"他说"好"吃,5\n`, 'malformed_row'];
    if (i === 80) [row, bad[line]] = [`r${i},"忘了关引号,5\n`, 'malformed_row'];
    if (i === 100) [row, bad[line]] = [`r${i},已经坏了\uFFFD的字,2\n`, 'invalid_encoding'];
    if (i === 110) [row, bad[line]] = [`r${i},${'长'.repeat(400_000)},3\n`, 'record_too_long'];
    if (i === 120) [row, bad[line]] = [`r${i},<img src=x onerror=alert(1) 好吃,3\n`, 'markup'];
    if (i === 90) {
      parts.push(Buffer.concat([Buffer.from(`r${i},好吃`), Buffer.from([0xff, 0xfe]), Buffer.from('不贵,4\n')]));
      bad[line] = 'invalid_encoding';
      continue;
    }
    parts.push(Buffer.from(row));
  }
  return { bytes: Buffer.concat(parts), bad };
}

describe.each(bothBackends())('hostile input on $backend', ({ backend, redisUrl }) => {
  const db = useTestDatabase('hostile');
  let ctx: PipelineContext;
  let worker: PipelineWorker;
  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('hostile')), db.current.url, redisUrl);
    worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
  });
  afterAll(async () => {
    await worker?.close();
    if (ctx) await closePipelineContext(ctx);
  });

  const importAndWait = async (file: string, source: string, channel: 'review' | 'chat' = 'review') => {
    const run = await importFile(ctx, { file, channel, source });
    return waitForImportRun(ctx.pool, run.runId, { timeoutMs: 30_000, queues: ctx.queues });
  };
  const rejections = async (runId: string) =>
    (await ctx.pool.query<{ line: number; reason: string; file: string }>(`SELECT line, reason, file FROM rejected_items WHERE import_id = $1 ORDER BY line`, [runId])).rows;

  it('CSV: a NUL, stray quotes, an unclosed quote, bad bytes, U+FFFD, an overlong line and open markup cost their own rows only', async () => {
    const file = path.join(tmp, `hostile-${backend}.csv`);
    const { bytes, bad } = hostileCsv();
    fs.writeFileSync(file, bytes);
    const done = await importAndWait(file, 'hostile-csv');
    const rejected = Object.keys(bad).length;
    expect(done).toMatchObject({ complete: true, read: 200, stored: 200 - rejected, rejected, duplicates: 0, failedBatches: [] });
    expect(await rejections(done.id)).toEqual(Object.entries(bad).map(([line, reason]) => ({ line: Number(line), reason, file })));
    const { rows } = await ctx.pool.query<{ text: string }>(`SELECT text FROM feedback WHERE source = 'hostile-csv' AND external_id IN ('r60', 'r81', 'r200')`);
    expect(rows.map((r) => r.text).sort()).toEqual([normalize('一个"引号在中间也照样存'), normalize('第200条：味道很正宗，就是配送太慢了'), normalize('第81条：味道很正宗，就是配送太慢了')].sort());
  });

  it('JSONL: ids above 2^53 stay apart; NUL and half-character escapes and 2,000-deep nesting are rejected alone', async () => {
    const file = path.join(tmp, `hostile-${backend}.jsonl`);
    const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    fs.writeFileSync(
      file,
      [
        '{"id":7234567890123456789,"text":"好吃，会回购"}',
        '{"id":7234567890123456790,"text":"吃完拉肚子了"}',
        '{"id":"n1","text":"有\\u0000空字节"}',
        '{"id":"s1","text":"半个字\\ud800"}',
        '{"id":"s2","text":"好评","meta":{"note":"\\udc00"}}',
        `{"id":"d1","text":"深","extra":${deep}}`,
        '{"id":"ok","text":"冰袋都化了"}',
      ].join('\n'),
    );
    const done = await importAndWait(file, 'hostile-jsonl');
    expect(done).toMatchObject({ complete: true, read: 7, stored: 3, rejected: 4, failedBatches: [] });
    expect((await rejections(done.id)).map((r) => [r.line, r.reason])).toEqual([
      [3, 'invalid_characters'],
      [4, 'invalid_characters'],
      [5, 'invalid_characters'],
      [6, 'too_deep'],
    ]);
    const { rows } = await ctx.pool.query(
      `SELECT f.external_id, array_agg(a.rule ORDER BY a.rule) FILTER (WHERE a.rule IS NOT NULL) AS rules
         FROM feedback f LEFT JOIN alerts a ON a.feedback_id = f.id WHERE f.source = 'hostile-jsonl' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { external_id: '7234567890123456789', rules: null },
      { external_id: '7234567890123456790', rules: ['food_safety'] },
      { external_id: 'ok', rules: ['cold_chain_failure'] },
    ]);
  });

  it('GBK rows after 64 KB of UTF-8 are stored right, none as U+FFFD', async () => {
    const file = path.join(tmp, `mixed-${backend}.csv`);
    const utf8 = Array.from({ length: 3000 }, (_, i) => `u${i},味道很正宗，第${i}条`).join('\n');
    const gbk = Array.from({ length: 50 }, (_, i) => `g${i},冷冻水饺已经化了，第${i}条`);
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`id,text\n${utf8}\n`), iconv.encode(`${gbk.join('\n')}\n`, 'gbk')]));
    const done = await importAndWait(file, 'mixed');
    expect(done).toMatchObject({ complete: true, read: 3050, stored: 3050, rejected: 0 });
    const { rows } = await ctx.pool.query<{ text: string }>(`SELECT text FROM feedback WHERE source = 'mixed' AND external_id LIKE 'g%' ORDER BY length(external_id), external_id`);
    expect(rows.map((r) => r.text)).toEqual(gbk.map((r) => normalize(r.split(',')[1]!)));
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE source = 'mixed' AND text LIKE '%' || chr(65533) || '%'`)).toBe(0);
  });

  it('rows that differ only in unmapped columns stay two items; a re-import stores nothing new', async () => {
    const file = path.join(tmp, `sku-${backend}.csv`);
    fs.writeFileSync(file, 'sku,shop,text\nA1,北京店,好评\nB2,上海店,好评\n');
    expect(await importAndWait(file, 'sku')).toMatchObject({ complete: true, read: 2, stored: 2, duplicates: 0 });
    expect(await importAndWait(file, 'sku')).toMatchObject({ complete: true, read: 2, stored: 0, duplicates: 2 });
  });

  it('the store stage rejects the one item Postgres refuses and stores the other 19 of its batch', async () => {
    const runId = `store-isolation-${backend}`;
    await startImportRun(ctx.pool, { id: runId, channel: 'review', source: 'isolation', file: 'reviews.csv' });
    const { items } = ingestBatch(
      Array.from({ length: 20 }, (_, i) => ({ record: { channel: 'review' as const, source: 'isolation', externalId: `i${i}`, text: `第${i}条，包装破损了` }, origin: { line: i + 2 } })),
      { normalize, maskPersonalData: true, timeZone: 'Asia/Shanghai' },
    );
    const analyses = await (await sharedAnalyzer()).analyzeBatch(items.map((i) => i.text));
    // Past ingest's checks (as a producer bypassing them might send): a rating the table's CHECK refuses.
    const analyzed = items.map((item, i) => ({ ...item, rating: i === 13 ? 9 : 4, analysis: analyses[i]! }));
    await ctx.queues.queue<StoreJobData>('store').add('store', { runId, batchNo: 0, records: 20, items: analyzed }, { attempts: 2, backoff: { type: 'fixed', delay: 100 } });
    await finishReading(ctx.pool, runId, 20, 1);
    const done = await waitForImportRun(ctx.pool, runId, { timeoutMs: 20_000, queues: ctx.queues });
    expect(done).toMatchObject({ complete: true, stored: 19, rejected: 1, rejectedByReason: { store_failed: 1 }, failedBatches: [] });
    const { rows } = await ctx.pool.query(`SELECT file, line, reason, message LIKE '23514:%' AS check_violation FROM rejected_items WHERE import_id = $1`, [runId]);
    expect(rows).toEqual([{ file: 'reviews.csv', line: 15, reason: 'store_failed', check_violation: true }]);
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM alerts a JOIN feedback f ON f.id = a.feedback_id WHERE f.source = 'isolation'`)).toBe(19);
  });

  /** Imports `texts` (ids `<name>0…`) through a worker of its own whose analyzer is `analyzer`; the run as it ended, and its file. */
  async function importThrough(name: string, analyzer: BatchAnalyzer, texts: readonly string[], options: Parameters<typeof testConfig>[1] = {}) {
    const own = await openContext(testConfig(uniquePrefix(name), options), db.current.url, redisUrl);
    const ownWorker = await startWorker(own, { stages: BATCH_STAGES, analyzer });
    try {
      const file = path.join(tmp, `${name}-${backend}.csv`);
      fs.writeFileSync(file, `id,text\n${texts.map((t, i) => `${name}${i},${t}`).join('\n')}\n`);
      const run = await importFile(own, { file, channel: 'review', source: name });
      return { done: await waitForImportRun(own.pool, run.runId, { timeoutMs: 30_000, queues: own.queues }), file };
    } finally {
      await ownWorker.close();
      await closePipelineContext(own);
    }
  }
  /** Texts numbered 第i条, the one at `bad` saying what the analyzer below cannot take. */
  const numbered = (n: number, bad: number) => Array.from({ length: n }, (_, i) => (i === bad ? '这条分析不了' : `第${i}条冰袋都化了`));
  /** An analyzer that throws for any call holding 分析不了, and answers the rest as the real one does. */
  const fragile = async (seen?: (texts: readonly string[]) => void): Promise<BatchAnalyzer> => {
    const real = await sharedAnalyzer();
    return {
      analyzeBatch: async (texts, domains) => {
        seen?.(texts);
        if (texts.some((t) => t.includes('分析不了'))) throw new Error('the analyzer cannot take this text');
        return real.analyzeBatch(texts, domains);
      },
    };
  };

  it('the analyze stage rejects the one text its analyzer cannot take and passes the rest on', async () => {
    const { done, file } = await importThrough('fragile', await fragile(), numbered(10, 6));
    expect(done).toMatchObject({ complete: true, read: 10, stored: 9, rejected: 1, rejectedByReason: { analyze_failed: 1 } });
    expect(await rejections(done.id)).toEqual([{ line: 8, reason: 'analyze_failed', file }]);
  });

  it('only the analyzer slice that fails is analysed again item by item', async () => {
    const alone: string[] = [];
    // 250 items in slices of 100: the bad one (index 160) is in the second.
    const analyzer = await fragile((texts) => texts.length === 1 && alone.push(texts[0]!));
    const { done } = await importThrough('slices', analyzer, numbered(250, 160), { batchSize: 250 });
    expect(done).toMatchObject({ complete: true, read: 250, stored: 249, rejected: 1, rejectedByReason: { analyze_failed: 1 } });
    expect(alone).toHaveLength(100);
    expect(alone.every((t) => /^第1\d\d条|这条/u.test(t))).toBe(true);
  });

  it('a slice whose every item fails is rejected when the analyzer still takes the batch\'s other items', async () => {
    // 101 items: the last, bad one is a slice of its own.
    const { done } = await importThrough('lastslice', await fragile(), numbered(101, 100), { batchSize: 250 });
    expect(done).toMatchObject({ complete: true, read: 101, stored: 100, rejected: 1, rejectedByReason: { analyze_failed: 1 } });
  });

  it('an analyzer that fails every item fails the batch (retried) instead of rejecting its items', async () => {
    const broken = { analyzeBatch: async () => Promise.reject(new Error('the analyzer is down')) };
    const { done } = await importThrough('broken', broken, ['冰袋都化了', '配送太慢'], { attempts: 1 });
    expect(done).toMatchObject({ complete: false, rejected: 0, failedBatches: [{ stage: 'ingest', batchNo: 0, records: 2 }] });
  });

  it('an analyzer thread that dies while a slice is retried item by item fails the batch (retried), rejecting none of its items', async () => {
    const real = await fragile();
    // The slice fails for one bad text; retried alone, the items then meet a dead thread.
    const dying: BatchAnalyzer = {
      analyzeBatch: async (texts, domains) => {
        if (texts.length === 1 && !texts[0]!.startsWith('第0条')) throw new PainpointError('ANALYZER_THREAD', 'the analyzer thread exited (code 1)', { retryable: true });
        return real.analyzeBatch(texts, domains);
      },
    };
    const { done } = await importThrough('dying', dying, numbered(5, 3), { attempts: 1 });
    expect(done).toMatchObject({ complete: false, rejected: 0, failedBatches: [{ stage: 'ingest', batchNo: 0, records: 5 }] });
  });

  it('a batch that fails for good ends the wait, reported with its stage, instead of holding it forever', async () => {
    const runId = `failing-${backend}`;
    await startImportRun(ctx.pool, { id: runId, channel: 'review', source: 'failing' });
    // Not a batch a producer makes: the store job cannot even read its items.
    await ctx.queues.queue('store').add('store', { runId, batchNo: 0, records: 5, items: null }, { attempts: 1 });
    await finishReading(ctx.pool, runId, 5, 1);
    const done = await waitForImportRun(ctx.pool, runId, { timeoutMs: 20_000, queues: ctx.queues });
    expect(done).toMatchObject({ complete: false, failedBatches: [{ stage: 'store', batchNo: 0, records: 5 }] });
  });

  it('an empty file, a header without rows and a header without a text column are refused before a run starts', async () => {
    const runs = await count(ctx.pool, `SELECT count(*) AS n FROM import_runs`);
    const refuse = (name: string, content: string) => {
      const file = path.join(tmp, `${backend}-${name}`);
      fs.writeFileSync(file, content);
      return importFile(ctx, { file, channel: 'review', source: name });
    };
    await expect(refuse('empty.csv', '')).rejects.toThrow(/empty\.csv: is empty: nothing to import/);
    await expect(refuse('header.csv', 'id,text\n')).rejects.toThrow(/header\.csv: has a header \(id, text\) but no rows/);
    await expect(refuse('blank.jsonl', '\n\n')).rejects.toThrow(/is empty/);
    await expect(refuse('notext.csv', '编号,评价内容\n1,好吃\n')).rejects.toThrow(/no text column: the header has 编号, 评价内容.*--map text=COLUMN/);
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM import_runs`)).toBe(runs);
  });
});
