/**
 * How long `painpoint` takes to start: `--help`, `--version`, and the first output line of
 * `analyze` on a one-record file (the analyzer threads loading the dictionary, lexicon and model
 * included), beside a bare `node -e 0` in the same run. Runs interleave; medians quoted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSuite } from '../index.ts';
import { median } from '../stats.ts';
import { loadAverage, timeCommand } from '../command.ts';

const RUNS = Number(process.env.PAINPOINT_BENCH_RUNS ?? 10);

function timeNode(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
}

const suite: BenchSuite = {
  name: 'startup',
  description: 'painpoint --help, --version and the first line of analyze, beside node -e 0',
  async run() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-bench-'));
    const file = path.join(tmp, 'one.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ id: 'c02', text: '火锅底料味道很正宗，就是配送太慢了' })}\n`);
    const loadBefore = loadAverage();
    const ms: Record<string, number[]> = { node: [], help: [], version: [], analyzeFirstLine: [] };
    try {
      for (let r = 0; r < RUNS; r++) {
        ms.node!.push(timeNode());
        ms.help!.push((await timeCommand(['--help'])).totalMs);
        ms.version!.push((await timeCommand(['--version'])).totalMs);
        ms.analyzeFirstLine!.push((await timeCommand(['analyze', file])).firstLineMs);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const loadAfter = loadAverage();
    const medians = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(median(v))]));
    process.stdout.write(
      `median of ${RUNS} runs, load average ${loadBefore} → ${loadAfter}\n` +
        `  node -e 0:                 ${medians.node} ms\n` +
        `  painpoint --help:          ${medians.help} ms (target ≤ 400)\n` +
        `  painpoint --version:       ${medians.version} ms\n` +
        `  analyze, first line out:   ${medians.analyzeFirstLine} ms (target ≤ 1500; ${os.availableParallelism()} analyzer threads)\n`,
    );
    return { runs: RUNS, ms: medians, loadAverage: { before: loadBefore, after: loadAfter } };
  },
};

export default suite;
