import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { InputError } from '../../errors/index.ts';
import { parseWindow, type EffectReport } from '../../improvements/effect.ts';
import { DEFAULT_WINDOW_DAYS, improvementEffect } from '../../improvements/measure.ts';
import { parseId, withStore } from '../with-store.ts';
import type { DeclareCommand } from './index.ts';

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
export const declareEffect: DeclareCommand = (program: Command, setExitCode) => {
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
      const config = loadConfig();
      const report = await withStore(config, (pool) => improvementEffect(pool, id, before, after));
      if (!report) {
        process.stderr.write(`painpoint: no improvement ${id}\n`);
        return setExitCode(1);
      }
      process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatEffect(report));
      setExitCode(0);
    });
};

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
const pp = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(2)} pp`;

export function formatEffect(r: EffectReport): string {
  const w = r.windows;
  const lines = [`improvement ${r.improvement} · ${r.topic} · start ${w.start_date} · ${w.before_days} days before, ${w.after_days} after`];
  const arm = (name: string, a: EffectReport['pilot']) =>
    `  ${name.padEnd(8)} before ${pct(a.before.rate)} (${a.before.negative}/${a.before.items})   after ${pct(a.after.rate)} (${a.after.negative}/${a.after.items})`;
  lines.push(arm('pilot', r.pilot));
  if (r.control) lines.push(arm('control', r.control));
  if (r.effect === null) {
    lines.push('  insufficient data: a window has no items in scope');
  } else {
    lines.push(`  effect   ${pp(r.effect)}  95% CI [${pp(r.ci95![0])}, ${pp(r.ci95![1])}]  p = ${r.p_value}  (${r.test})`);
    lines.push(`  smallest effect detectable at 80% power: ${(r.mde! * 100).toFixed(2)} pp`);
    if (r.insufficient_data) lines.push('  insufficient data: too few items (or, with a control, too few negatives) for a verdict');
  }
  lines.push(`  verdict  ${r.verdict}`);
  return `${lines.join('\n')}\n`;
}
