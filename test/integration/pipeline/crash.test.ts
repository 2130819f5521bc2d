import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../src/sources/importers/index.ts';
import { importRunProgress } from '../../../src/store/import-runs-repository.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import {
  closePipelineContext,
  expectImportExactlyOnce,
  expectedTotalsOfRecords,
  openContext,
  snapshotNlpAssets,
  testConfig,
  writeCorpusCsv,
  type TallyTotals,
} from './pipeline-support.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REVIEWS = 20_000;
const PIPELINE = { batchSize: 250, lockMs: 4_000, maxQueuedBatches: 1_000 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-crash-'));
const file = path.join(tmp, 'reviews-20k.csv');
let expected: TallyTotals;
let nlp: Record<string, string>;

beforeAll(async () => {
  nlp = snapshotNlpAssets(tmp);
  const texts = await writeCorpusCsv(file, REVIEWS);
  expected = await expectedTotalsOfRecords(texts, testConfig('unused', {}, nlp));
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `painpoint worker` in a child process, as an operator runs it. */
function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/painpoint.js'), 'worker', '--concurrency', '2'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.resume();
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe.each(bothBackends())('a worker killed mid-import on $backend', ({ backend, redisUrl }) => {
  const db = useTestDatabase('crash');

  it('SIGKILL in the middle of a 20k-review import, restart: exactly the tallies of an uninterrupted run', async () => {
    const prefix = uniquePrefix('crash');
    const config = testConfig(prefix, PIPELINE, nlp);
    const configFile = path.join(tmp, `${backend}.yaml`);
    const nlpYaml = Object.entries(nlp).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}\n`).join('');
    fs.writeFileSync(configFile, `nlp:\n  sentiment: lexicon\n${nlpYaml}pipeline:\n  queuePrefix: ${prefix}\n  batchSize: ${PIPELINE.batchSize}\n  lockMs: ${PIPELINE.lockMs}\n  backoffMs: 200\n`);
    const env = { ...process.env, DATABASE_URL: db.current.url, REDIS_URL: redisUrl ?? '', PAINPOINT_CONFIG: configFile, LOG_LEVEL: 'warn' };

    const ctx = await openContext(config, db.current.url, redisUrl);
    let worker: ChildProcess | undefined;
    try {
      worker = spawnWorker(env);
      const run = await importFile(ctx, { file, channel: 'review', source: 'crash' });
      expect(run.batches).toBe(REVIEWS / PIPELINE.batchSize);
      // Let it get well into the work, then kill it without warning.
      for (;;) {
        const p = await importRunProgress(ctx.pool, run.runId);
        if (p!.batchesDone >= 10) break;
        if (worker.exitCode !== null) throw new Error(`the worker exited early (${worker.exitCode})`);
        await sleep(50);
      }
      worker.kill('SIGKILL');
      await exited(worker);
      const atKill = await importRunProgress(ctx.pool, run.runId);
      expect(atKill!.complete).toBe(false);

      worker = spawnWorker(env);
      await expectImportExactlyOnce(ctx.pool, run.runId, 'crash', REVIEWS, expected, 150_000);

      // A graceful stop: SIGTERM ends the worker cleanly.
      worker.kill('SIGTERM');
      expect(await exited(worker)).toBe(0);
    } finally {
      if (worker && worker.exitCode === null) {
        worker.kill('SIGKILL');
        await exited(worker);
      }
      await closePipelineContext(ctx);
    }
  }, 240_000);
});
