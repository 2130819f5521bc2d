/**
 * The whole `painpoint analyze FILE` command, as a user runs it (its own process, start-up
 * included, default config, output read through a pipe), with 1 and with N analyzer threads; beside
 * raw @node-rs/jieba `cut` of the same texts on one thread of this process, in the same run. Runs
 * interleave (cut, 1 thread, N threads, in turn) so that all three see the same load on a shared
 * machine; medians quoted, with the load average.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { BenchSuite } from '../index.ts';
import { median } from '../stats.ts';
import { corpusDir } from '../../src/config/index.ts';
import { loadAverage, reapedChildrenCpuMs, timeCommand, type CommandRun } from '../command.ts';
import { readRecords } from '../../src/sources/files/index.ts';

const REVIEWS = Number(process.env.PAINPOINT_BENCH_REVIEWS ?? 100_000);
const RUNS = Number(process.env.PAINPOINT_BENCH_RUNS ?? 5);
/** Thread counts compared (default: 1 and every core). */
const THREADS = (process.env.PAINPOINT_BENCH_THREADS ?? `1,${os.availableParallelism()}`).split(',').map(Number);

async function readReviews(): Promise<string[]> {
  const texts: string[] = [];
  const dir = corpusDir();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    for await (const r of readRecords(path.join(dir, file))) {
      const text = r.fields.review ?? r.fields.text;
      if (typeof text === 'string' && text.trim() !== '') texts.push(text);
    }
  }
  return Array.from({ length: REVIEWS }, (_, i) => texts[i % texts.length]!);
}

const suite: BenchSuite = {
  name: 'analyze-command',
  description: `the whole \`painpoint analyze\` command on ${REVIEWS.toLocaleString('en-US')} reviews with ${THREADS.join(' and ')} threads, beside raw jieba cut`,
  async run() {
    const texts = await readReviews();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-bench-'));
    const file = path.join(tmp, 'reviews.csv');
    fs.writeFileSync(file, `id,text\n${texts.map((t, i) => `${i},"${t.replace(/"/g, '""')}"`).join('\n')}\n`);
    const jieba = Jieba.withDict(dict);
    for (const t of texts.slice(0, 2000)) jieba.cut(t, true);

    const loadBefore = loadAverage();
    const cutMs: number[] = [];
    const runs = new Map<number, (CommandRun & { cpuMs: number })[]>(THREADS.map((n) => [n, []]));
    try {
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        for (const t of texts) jieba.cut(t, true);
        cutMs.push(performance.now() - t0);
        for (const n of THREADS) {
          const cpu0 = reapedChildrenCpuMs();
          const run = await timeCommand(['analyze', file, '--threads', String(n)]);
          if (run.lines !== REVIEWS) throw new Error(`analyze wrote ${run.lines} lines for ${REVIEWS} records`);
          runs.get(n)!.push({ ...run, cpuMs: reapedChildrenCpuMs() - cpu0 });
        }
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const loadAfter = loadAverage();

    const perSec = (ms: number) => Math.round((REVIEWS / ms) * 1000);
    const cut = perSec(median(cutMs));
    const results: Record<string, unknown> = { reviews: REVIEWS, runs: RUNS, cores: os.availableParallelism(), cutReviewsPerSec: cut, loadAverage: { before: loadBefore, after: loadAfter } };
    let text = `${REVIEWS.toLocaleString('en-US')} reviews, median of ${RUNS} runs, load average ${loadBefore} → ${loadAfter}\n  raw jieba cut (1 thread): ${cut.toLocaleString('en-US')} reviews/s\n`;
    const byThreads: Record<string, unknown> = {};
    for (const n of THREADS) {
      const got = runs.get(n)!;
      const rate = perSec(median(got.map((x) => x.totalMs)));
      const firstLine = Math.round(median(got.map((x) => x.firstLineMs)));
      // Once the threads are loaded: from the first line out to the last.
      const running = perSec(median(got.map((x) => x.totalMs - x.firstLineMs)));
      byThreads[n] = {
        reviewsPerSec: rate,
        ratioToCut: Number((rate / cut).toFixed(3)),
        seconds: Number((median(got.map((x) => x.totalMs)) / 1000).toFixed(2)),
        firstLineMs: firstLine,
        afterFirstLineReviewsPerSec: running,
        afterFirstLineRatioToCut: Number((running / cut).toFixed(3)),
        // All threads of the command, start-up included: what it costs, whatever the machine's load.
        cpuUsPerReview: Number(((median(got.map((x) => x.cpuMs)) * 1000) / REVIEWS).toFixed(1)),
      };
      text +=
        `  analyze, ${n} thread${n === 1 ? ' ' : 's'}:   ${rate.toLocaleString('en-US')} reviews/s = ${(rate / cut).toFixed(3)}× raw cut (whole command, first line after ${firstLine} ms);` +
        ` after the first line ${running.toLocaleString('en-US')}/s = ${(running / cut).toFixed(3)}×; CPU ${(byThreads[n] as { cpuUsPerReview: number }).cpuUsPerReview} µs/review\n`;
    }
    results.threads = byThreads;
    if (THREADS.length > 1) {
      const [a, b] = [THREADS[0]!, THREADS[THREADS.length - 1]!];
      const scaling = (byThreads[b] as { reviewsPerSec: number }).reviewsPerSec / (byThreads[a] as { reviewsPerSec: number }).reviewsPerSec;
      results.scaling = Number(scaling.toFixed(2));
      text += `  scaling ${a} → ${b} threads: ${scaling.toFixed(2)}×\n`;
    }
    process.stdout.write(text);
    return results;
  },
};

export default suite;
