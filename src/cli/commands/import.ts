import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError } from '../../errors/index.ts';
import { FIELD_ALIASES, parseFieldMap } from '../../ingest/index.ts';
import { openApp } from '../../app/app-context.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { CHANNELS, type Channel } from '../../domain/index.ts';
import { importFile, waitForImportRun, type FailedBatch, type WaitedRun } from '../../sources/importers/index.ts';
import type { ImportRunProgress } from '../../store/import-runs-repository.ts';
import { createProgress } from '../progress.ts';
import type { DeclareCommand } from '../command.ts';

interface ImportFlags {
  channel: Channel;
  source?: string;
  map?: string;
  wait?: boolean;
  worker: boolean;
  shiftDays?: number;
  json?: boolean;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number of days');
  return n;
}

/** The one-line summary `--wait` prints. */
export function formatImportSummary(p: ImportRunProgress & { failedBatches?: readonly FailedBatch[] }): string {
  const reasons = Object.entries(p.rejectedByReason)
    .map(([reason, n]) => `${reason} ${n.toLocaleString('en-US')}`)
    .join(', ');
  const n = (v: number) => v.toLocaleString('en-US');
  const failed = p.failedBatches ?? [];
  const lost = failed.length === 0 ? '' : `, failed ${n(failed.reduce((a, f) => a + f.records, 0))} in ${failed.length} batches`;
  return `read ${n(p.read)}, stored ${n(p.stored)}, duplicates ${n(p.duplicates)}, rejected ${n(p.rejected)}${reasons ? ` (${reasons})` : ''}${lost}`;
}

/**
 * What to tell the user when an import brought nothing in, or lost batches: null when all is well.
 * Every record rejected is an input error (exit 2); batches that failed are a processing one (1).
 */
export function importOutcome(p: WaitedRun): { code: number; message: string } | null {
  if (p.failedBatches.length > 0) {
    const first = p.failedBatches[0]!;
    return { code: 1, message: `${p.failedBatches.length} batches failed for good (first: batch ${first.batchNo} at ${first.stage}: ${first.reason}); see \`painpoint queues\`` };
  }
  if (p.read > 0 && p.stored + p.duplicates === 0) {
    const hint = (p.rejectedByReason.missing_text ?? 0) === p.rejected ? `; no record has a text (looked for in ${FIELD_ALIASES.text.join(', ')}): name yours with --map text=COLUMN` : '';
    return { code: 2, message: `nothing could be imported: all ${p.read.toLocaleString('en-US')} records were rejected (SELECT * FROM rejected_items WHERE import_id = '${p.id}')${hint}` };
  }
  return null;
}

/**
 * `painpoint import FILE`: streams a CSV (UTF-8 with or without BOM, GBK/GB18030), JSONL or XLSX file
 * into the pipeline. With `--wait` it also runs the stages in this process (beside any running
 * workers, which share the batches) and returns once every item of this import is stored.
 */
export const declareImport: DeclareCommand = (program: Command, run) => {
  program
    .command('import')
    .description('Import reviews, chat sessions or social posts from a CSV, JSONL or XLSX file (- for stdin)')
    .argument('<file>', 'the file: .csv/.tsv, .jsonl/.ndjson or .xlsx; - reads JSONL or CSV from stdin')
    .addOption(new Option('--channel <channel>', 'what the file holds').choices(CHANNELS).makeOptionMandatory())
    .option('--source <name>', 'source name stored with every item (default: the file name)')
    .option('--map <pairs>', 'columns for fields the default names miss, e.g. text=评价内容,rating=评分,posted_at=时间')
    .option('--wait', 'run the stages here too and return when every item is stored; prints read/stored/duplicates/rejected')
    .option('--no-worker', 'with --wait: only wait, leaving the work to running `painpoint worker`s')
    .option('--shift-days <n>', 'move every posted_at by n days (replaying old data as recent)', wholeNumber)
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: ImportFlags) => {
      const config = run.config();
      const map = parseFieldMap(opts.map);
      if (file !== '-' && !fs.existsSync(file)) throw new InputError('no such file', { file });
      const source = opts.source ?? (file === '-' ? 'stdin' : path.basename(file).replace(/\.[^.]+$/u, ''));
      const app = await openApp(config, { start: true });
      let worker: PipelineWorker | undefined;
      try {
        const ctx = await app.pipeline();
        if (opts.wait && opts.worker) worker = await startWorker(ctx, { stages: BATCH_STAGES });
        const reading = createProgress(`importing ${path.basename(file)}`, { quiet: opts.json });
        const result = await importFile(ctx, { file, channel: opts.channel, source, map, shiftDays: opts.shiftDays, onProgress: (n) => reading.update(n) });
        reading.finish(`read ${result.read.toLocaleString('en-US')} records in ${result.batches} batches (run ${result.runId})`);
        if (!opts.wait) {
          if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
          else process.stderr.write('painpoint: enqueued; `painpoint worker` stores them (or import with --wait)\n');
          run.setExitCode(0);
          return;
        }
        const storing = createProgress('storing', { total: result.read, quiet: opts.json });
        const done = await waitForImportRun(ctx.pool, result.runId, { queues: ctx.queues, onProgress: (p) => storing.update(p.recordsDone) });
        storing.finish();
        process.stdout.write(opts.json ? `${JSON.stringify(done)}\n` : `${formatImportSummary(done)}\n`);
        const outcome = importOutcome(done);
        if (outcome) process.stderr.write(`painpoint: ${file}: ${outcome.message}\n`);
        run.setExitCode(outcome?.code ?? 0);
      } finally {
        await worker?.close();
        await app.close();
      }
    });
};
