import type { Command } from 'commander';
import { InputError } from '../../errors/index.ts';
import { parseWindow } from '../../improvements/effect.ts';
import { formatEffect } from '../../improvements/format-effect.ts';
import { DEFAULT_WINDOW_DAYS, improvementEffect } from '../../improvements/measure.ts';
import { parseId, withStore } from '../with-store.ts';
import type { DeclareCommand } from '../command.ts';

function windowDays(text: string | undefined, flag: string): number {
  if (text === undefined) return DEFAULT_WINDOW_DAYS;
  const days = parseWindow(text);
  if (typeof days === 'string') throw new InputError(days, { field: flag });
  return days;
}

/**
 * `painpoint effect ID`: did the improvement work? The topic rate before and after its start, in
 * the pilot (and against the control), with the test, 95% interval, MDE and verdict. Exit code 0
 * whatever the verdict; 1 when there is no such improvement.
 */
export const declareEffect: DeclareCommand = (program: Command, run) => {
  program
    .command('effect')
    .description("Did an improvement work: its topic's negative rate before and after its start, pilot against control, with a significance test")
    .argument('<id>', 'the improvement id')
    .option('--before <window>', 'window before the start, e.g. 4w or 28d (default 4w)')
    .option('--after <window>', 'window from the start on (default 4w)')
    .option('--json', 'the result as JSON')
    .action(async (idText: string, flags: { before?: string; after?: string; json?: boolean }) => {
      const id = parseId(idText, 'ID');
      const before = windowDays(flags.before, '--before');
      const after = windowDays(flags.after, '--after');
      const config = run.config();
      const report = await withStore(config, (pool) => improvementEffect(pool, id, before, after));
      if (!report) {
        process.stderr.write(`painpoint: no improvement ${id}\n`);
        return run.setExitCode(1);
      }
      process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatEffect(report));
      run.setExitCode(0);
    });
};
