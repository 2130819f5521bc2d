import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../src/analysis/index.ts';
import { runAnalyze } from '../../../src/cli/commands/analyze.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { Analyzer } from '../../../src/nlp/index.ts';

let dir: string;
let analyzer: Analyzer;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-analyze-'));
  analyzer = await loadAnalyzer(loadConfig(), { mode: 'lexicon', logger: createLogger({ level: 'silent' }) });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stdout that takes one chunk at a time slowly, so back-pressure is exercised. */
function slowSink(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  let data = '';
  const stream = new Writable({
    highWaterMark: 256,
    write(chunk, _enc, done) {
      data += chunk.toString();
      setImmediate(done);
    },
  });
  return { stream, lines: () => data.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>), text: () => data };
}

describe('painpoint analyze', () => {
  it('writes one line per record in input order, with errors on records without usable text', async () => {
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, 'id,review\nc02,火锅底料味道很正宗，就是配送太慢了\nc03,\nc04,"\uFFFD\uFFFD"\n,不会再买了\n');
    const sink = slowSink();
    expect(await runAnalyze(file, {}, { stdout: sink.stream, analyzer })).toBe(0);
    const out = sink.lines();
    expect(out.map((l) => l.id)).toEqual(['c02', 'c03', 'c04', 5]);
    expect(out[0]).toEqual({ id: 'c02', ...analyzer.analyze('火锅底料味道很正宗，就是配送太慢了') });
    expect(out[1]).toEqual({ id: 'c03', error: 'field "review" is empty' });
    expect(out[2]).toEqual({ id: 'c04', error: 'field "review" holds only invalid bytes' });
    expect((out[3]!.alerts as { rule: string }[]).map((a) => a.rule)).toEqual(['churn_risk']);
  });

  it('reads each record under --domain on the analyzer threads (坏了 of a shop that sells no food is no spoilage)', async () => {
    const records = [{ id: 'a', text: '芒果收到就坏了' }].map((r) => JSON.stringify(r)).join('\n');
    const run = async (domain?: 'goods') => {
      const sink = slowSink();
      const config = loadConfig({ overrides: { nlp: { sentiment: 'lexicon', ...(domain ? { domain } : {}) } } });
      await runAnalyze('-', { threads: 1 }, { stdout: sink.stream, stdin: Readable.from([records]), config });
      return sink.lines().map((l) => (l.alerts as { rule: string }[]).map((a) => a.rule));
    };
    expect(await run()).toEqual([['spoilage']]);
    expect(await run('goods')).toEqual([[]]);
  });

  it('reads JSONL from stdin, keeps order over many batches, and honours --text-column', async () => {
    const records = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `r${i}`, body: i % 2 ? '好吃' : '太慢了' }));
    const sink = slowSink();
    await runAnalyze('-', { textColumn: 'body', batchSize: 7 }, { stdout: sink.stream, stdin: Readable.from([records.join('\n')]), analyzer });
    const out = sink.lines();
    expect(out.map((l) => l.id)).toEqual(records.map((_, i) => `r${i}`));
    expect(out.map((l) => (l.sentiment as { label: string }).label)).toEqual(records.map((_, i) => (i % 2 ? 'positive' : 'negative')));
  });

  it('keeps input order on the analyzer threads, however their batches finish', async () => {
    const texts = ['冷冻水饺已经化了，有异味', '味道很正宗，就是配送太慢了', '客服态度很好', '好吃', '再也不买了'];
    const records = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `r${i}`, text: texts[i % texts.length]!.repeat(1 + (i % 7)) }));
    const sink = slowSink();
    await runAnalyze('-', { batchSize: 9, threads: 2 }, { stdout: sink.stream, stdin: Readable.from([records.join('\n')]), config: loadConfig({ overrides: { nlp: { sentiment: 'lexicon' } } }) });
    const out = sink.lines();
    expect(out.map((l) => l.id)).toEqual(records.map((_, i) => `r${i}`));
    expect(out.slice(0, 35)).toEqual(records.slice(0, 35).map((r) => {
      const { id, text } = JSON.parse(r) as { id: string; text: string };
      return { id, ...analyzer.analyze(text) };
    }));
  }, 60_000);

  it('writes from the threads the very bytes of JSON.stringify({ id, ...analysis }), error lines included', async () => {
    const records = ['{"id":"a","text":"冷冻水饺已经化了，有异味"}', '{"id":7,"text":""}', '{"text":"客服态度很好"}', '{"id":{"shop":1},"text":"再也不买了"}', '{"id":[1,"x"],"title":"x"}'];
    const sink = slowSink();
    await runAnalyze('-', { threads: 1 }, { stdout: sink.stream, stdin: Readable.from([records.join('\n')]), config: loadConfig({ overrides: { nlp: { sentiment: 'lexicon' } } }) });
    const expected = [
      { id: 'a', ...analyzer.analyze('冷冻水饺已经化了，有异味') },
      { id: 7, error: 'field "text" is empty' },
      { id: 3, ...analyzer.analyze('客服态度很好') },
      { id: { shop: 1 }, ...analyzer.analyze('再也不买了') },
      { id: [1, 'x'], error: 'no "text", "review", "content" or "comment" field' },
    ];
    expect(sink.text()).toBe(expected.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }, 60_000);

  it('fails with the error of the batch it was writing when the analysis dies, the batches behind it included', async () => {
    let calls = 0;
    const dying = {
      analyzeBatch: (texts: readonly string[]) => {
        const n = calls++;
        // Every batch after the first fails, at once, while the first is still being answered.
        return n === 0 ? new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the analyzer thread exited (code 1)')), 30)) : Promise.reject(new Error(`batch ${n} of ${texts.length} lost`));
      },
    };
    const records = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: i, text: '好吃' })).join('\n');
    await expect(runAnalyze('-', { batchSize: 5, threads: 2 }, { stdout: slowSink().stream, stdin: Readable.from([records]), analyzer: dying })).rejects.toThrow('the analyzer thread exited (code 1)');
    expect(calls).toBe(4);
  });

  it('names the missing text field and bad JSON lines, and goes on', async () => {
    const sink = slowSink();
    await runAnalyze('-', {}, { stdout: sink.stream, stdin: Readable.from(['{"id":1,"title":"x"}\n{oops\n{"id":3,"text":"好"}\n']), analyzer });
    const out = sink.lines();
    expect(out[0]).toEqual({ id: 1, error: 'no "text", "review", "content" or "comment" field' });
    expect(out[1]!.id).toBe(2);
    expect(out[1]!.error).toMatch(/invalid JSON/);
    expect(out[2]!.id).toBe(3);
  });

  it('fails with a message naming an input it cannot read', async () => {
    await expect(runAnalyze(path.join(dir, 'nope.jsonl'), {}, { stdout: slowSink().stream, analyzer })).rejects.toThrow(/nope\.jsonl: cannot open the file/);
  });
});
