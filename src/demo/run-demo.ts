import path from 'node:path';
import { PainpointError } from '../errors/index.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { BATCH_STAGES, startWorker } from '../../jobs/index.ts';
import { importFile, waitForImportRun } from '../sources/importers/index.ts';
import type { ImportRunProgress } from '../store/import-runs-repository.ts';
import { recordDemoLoop, type DemoLoop } from './closing-loop.ts';
import { daysToYesterday, latestPostedAt } from './date-shift.ts';
import { replayMonitors } from './replay-monitors.ts';
import type { RaisedFinding } from '../monitors/run-check.ts';
import { sampleFiles, type SampleFile } from './samples.ts';

export interface DemoResult {
  shiftDays: number;
  imports: { sample: SampleFile; progress: ImportRunProgress }[];
  /** What the default monitors find, week by week, over the samples' weeks. */
  findings: RaisedFinding[];
  /** The story's root cause and packaging fix, recorded, with the fix's measured effect. */
  loop: DemoLoop;
}

/**
 * The demo on an open pipeline: an in-process worker, every bundled sample imported with its dates
 * moved so the latest is yesterday, and the wait until all of it is stored. The caller prints the report.
 */
export async function runDemo(ctx: PipelineContext, options: { dir?: string; say: (line: string) => void }): Promise<DemoResult> {
  const samples = sampleFiles(options.dir);
  if (samples.length === 0) throw new PainpointError('DEMO_SAMPLES_MISSING', `no sample files in ${options.dir ?? 'src/demo/samples'}`);
  const tz = ctx.config.pipeline.timeZone;
  const latest = (await Promise.all(samples.map((s) => latestPostedAt(s.file, tz)))).filter((t): t is number => t !== undefined);
  const shiftDays = latest.length > 0 ? daysToYesterday(Math.max(...latest), tz) : 0;

  const worker = await startWorker(ctx, { stages: BATCH_STAGES });
  const imports: DemoResult['imports'] = [];
  try {
    options.say(`importing ${samples.length} sample files (dates moved ${shiftDays} ${Math.abs(shiftDays) === 1 ? 'day' : 'days'} so the latest is yesterday)`);
    for (const sample of samples) {
      const run = await importFile(ctx, { file: sample.file, channel: sample.channel, source: sample.source, shiftDays });
      const progress = await waitForImportRun(ctx.pool, run.runId);
      imports.push({ sample, progress });
      options.say(`${path.basename(sample.file)} (${sample.channel}): read ${progress.read}, stored ${progress.stored}, duplicates ${progress.duplicates}, rejected ${progress.rejected}`);
    }
  } finally {
    await worker.close();
  }
  const earliest = Math.min(...(await Promise.all(samples.map((s) => latestPostedAt(s.file, tz, 'earliest')))).filter((t): t is number => t !== undefined));
  const findings = Number.isFinite(earliest) ? await replayMonitors(ctx, new Date(earliest + shiftDays * 86_400_000), new Date()) : [];
  options.say(`monitors replayed over the sample weeks: ${findings.length} finding(s)`);
  const loop = await recordDemoLoop(ctx.pool, shiftDays);
  return { shiftDays, imports, findings, loop };
}
