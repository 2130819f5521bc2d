/**
 * Fuzz: thousands of generated hostile rows (random bytes, quotes, NULs, surrogates, nesting, long
 * lines, GBK among UTF-8, markup) imported on both queue backends. Whatever the rows hold, every row
 * read is stored or rejected (never lost, never a failed batch), and nothing stored holds U+FFFD or
 * live markup. The generator is seeded: a failure names its seed and repeats.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { importFile, waitForImportRun } from '../../../src/sources/importers/index.ts';
import { seededRandom } from '../../../src/stats/seeded-random.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, count, openContext, sharedAnalyzer, testConfig } from './pipeline-support.ts';

const ROWS = 2500;
const SEED = Number(process.env.PAINPOINT_FUZZ_SEED ?? 20261201);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-fuzz-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const WORDS = ['味道很正宗', '就是配送太慢了', '冰袋都化了', '吃完拉肚子了', '包装破损', '好评', '再也不买了', '冷凍水餃已經化了', '性价比高', '客服态度差'];
const MARKUP = [
  '<script>alert(1)</script>好吃',
  '<img src=x onerror=alert(1)>难吃',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1) 没关上',
  '&#60;img src=x onerror=alert(1)&#62;',
  '<svg/onload=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
  '<script<b>>alert(1)',
  '&amp;lt;img src=x onerror=alert(1)&amp;gt;',
  '<IMG SRC=x OnError=alert(1)',
  '<a href="javascript:alert(1)">点我</a>',
];

function generators(rnd: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const text = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(WORDS)).join('，');
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  const insert = (s: string, piece: string) => {
    const at = Math.floor(rnd() * (s.length + 1));
    return s.slice(0, at) + piece + s.slice(at);
  };
  return { pick, text, bytes, insert };
}

/** A CSV of hostile rows: id, text, rating, note; one broken way per row, or none. */
function fuzzCsv(rnd: () => number): Buffer {
  const g = generators(rnd);
  const parts: Buffer[] = [Buffer.from('id,text,rating,note\n')];
  let long = 0;
  for (let i = 0; i < ROWS; i++) {
    const id = `c${i}`;
    const kind = Math.floor(rnd() * 18);
    const row = (t: string, note = '') => Buffer.from(`${id},${t},${1 + (i % 5)},${note}\n`);
    switch (kind) {
      case 0: parts.push(row(g.insert(g.text(), '\u0000'))); break;
      case 1: parts.push(row(g.insert(g.text(), '"'))); break;
      case 2: parts.push(row(`"${g.text()}"${g.text()}"`)); break;
      case 3: parts.push(row(`"${g.text()}`)); break;
      case 4: parts.push(row(`"${g.text()},""引号""\n${g.text()}"`)); break;
      case 5: parts.push(Buffer.concat([Buffer.from(`${id},`), g.bytes(1 + Math.floor(rnd() * 40)), Buffer.from(',3,\n')])); break;
      case 6: parts.push(Buffer.concat([Buffer.from(`${id},${g.text()}`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(',2,\n')])); break;
      case 7: parts.push(row(g.insert(g.text(), '\uFFFD'))); break;
      case 8: parts.push(iconv.encode(`${id},${g.text()},4,gbk\n`, 'gbk')); break;
      case 9: parts.push(row(long++ < 3 ? '长'.repeat(400_000) : g.text().repeat(300))); break;
      case 10: parts.push(row(`"${g.pick(MARKUP).replace(/"/g, '""')}"`)); break;
      case 11: parts.push(row(g.insert(g.text(), '\uFEFF'), '\r')); break;
      case 12: parts.push(row(g.insert(g.text(), String.fromCharCode(1 + Math.floor(rnd() * 31))))); break;
      case 13: parts.push(row('')); break;
      case 14: parts.push(row(`${g.text()},多余,的,列`)); break;
      case 15: parts.push(row(g.text(), g.insert('备注', '\u0000'))); break;
      case 16: parts.push(row(g.insert(g.text(), g.pick(['&#xD800;', '&#0;', '&#x110000;', '&#xDFFF;&#xD800;'])))); break;
      default: parts.push(row(g.text())); break;
    }
  }
  return Buffer.concat(parts);
}

/** A JSONL file of hostile records. */
function fuzzJsonl(rnd: () => number): Buffer {
  const g = generators(rnd);
  const parts: Buffer[] = [];
  for (let i = 0; i < ROWS; i++) {
    const kind = Math.floor(rnd() * 14);
    const line = (s: string) => parts.push(Buffer.from(`${s}\n`));
    const id = `"j${i}"`;
    switch (kind) {
      case 0: line(`{"id":${id},"text":"${g.text()}\\u0000"}`); break;
      case 1: line(`{"id":${id},"text":"${g.text()}\\ud800"}`); break;
      case 2: line(`{"id":${id},"text":"\\udfff\\ud800${g.text()}"}`); break;
      case 3: {
        const depth = 30 + Math.floor(rnd() * 3000);
        line(`{"id":${id},"text":"${g.text()}","m":${'['.repeat(depth)}1${']'.repeat(depth)}}`);
        break;
      }
      case 4: line(`{"id":${7234567890123456789n + BigInt(i)},"text":"${g.text()}"}`); break;
      case 5: line(`{"id":${id},"text":"${g.text()}"`); break;
      case 6: line(`[${id}]`); break;
      case 7: parts.push(Buffer.concat([Buffer.from(`{"id":${id},"text":"${g.text()}`), Buffer.from([0xed, 0xb0, 0x80]), Buffer.from('"}\n')])); break;
      case 8: parts.push(Buffer.concat([Buffer.from(`{"id":${id},"text":"`), g.bytes(1 + Math.floor(rnd() * 30)), Buffer.from('"}\n')])); break;
      case 9: parts.push(iconv.encode(`{"id":${id},"text":"${g.text()}"}\n`, 'gbk')); break;
      case 10: line(JSON.stringify({ id: `j${i}`, text: g.pick(MARKUP) })); break;
      case 11: line(`{"id":${id},"text":"${g.text()}","meta":{"a\\u0000":1}}`); break;
      case 12: line(`{"id":${id},"text":${Math.floor(rnd() * 1e6)}}`); break;
      default: line(JSON.stringify({ id: `j${i}`, text: g.text(), rating: 1 + (i % 5) })); break;
    }
  }
  return Buffer.concat(parts);
}

const LIVE = `(text ILIKE '%<script%' OR text ILIKE '%<img%' OR text ILIKE '%onerror=%' OR text LIKE '%' || chr(65533) || '%')`;

describe.each(bothBackends())('fuzzed import on $backend', ({ backend, redisUrl }) => {
  const db = useTestDatabase('fuzz');
  let ctx: PipelineContext;
  let worker: PipelineWorker;
  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('fuzz'), { batchSize: 500 }), db.current.url, redisUrl);
    worker = await startWorker(ctx, { stages: BATCH_STAGES, analyzer: await sharedAnalyzer() });
  });
  afterAll(async () => {
    await worker?.close();
    if (ctx) await closePipelineContext(ctx);
  });

  it.each([
    ['csv', fuzzCsv],
    ['jsonl', fuzzJsonl],
  ] as const)(`%s rows: stored + rejected = read, nothing stored garbled or live (seed ${SEED})`, async (ext, make) => {
    const file = path.join(tmp, `fuzz-${backend}.${ext}`);
    fs.writeFileSync(file, make(seededRandom(SEED + (ext === 'csv' ? 0 : 1))));
    const source = `fuzz-${ext}`;
    const started = Date.now();
    const run = await importFile(ctx, { file, channel: 'review', source });
    const done = await waitForImportRun(ctx.pool, run.runId, { timeoutMs: 40_000, queues: ctx.queues });
    const figures = { backend, ext, read: done.read, stored: done.stored, rejected: done.rejected, duplicates: done.duplicates, seconds: (Date.now() - started) / 1000, reasons: done.rejectedByReason };
    process.stdout.write(`fuzz ${JSON.stringify(figures)}\n`);

    expect(done).toMatchObject({ complete: true, failedBatches: [], duplicates: 0 });
    expect(done.read).toBeGreaterThan(ROWS * 0.9);
    expect(done.stored + done.rejected).toBe(done.read);
    expect(done.stored).toBeGreaterThan(ROWS * 0.2);
    expect(done.rejected).toBeGreaterThan(ROWS * 0.2);
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE source = $1`, [source])).toBe(done.stored);
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM feedback WHERE source = $1 AND ${LIVE}`, [source])).toBe(0);
    expect(await count(ctx.pool, `SELECT count(*) AS n FROM alerts a JOIN feedback f ON f.id = a.feedback_id WHERE f.source = $1 AND ${LIVE.replaceAll('text', 'a.evidence')}`, [source])).toBe(0);
    // Every rejection names its file, line and reason, and no line is rejected twice.
    const { rows } = await ctx.pool.query<{ lines: number; distinct_lines: number; unnamed: number }>(
      `SELECT count(*)::int AS lines, count(DISTINCT line)::int AS distinct_lines, count(*) FILTER (WHERE line IS NULL OR file IS NULL OR reason = '')::int AS unnamed
         FROM rejected_items WHERE import_id = $1`,
      [done.id],
    );
    expect(rows[0]).toEqual({ lines: done.rejected, distinct_lines: done.rejected, unnamed: 0 });
  });
});
