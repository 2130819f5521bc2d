import type { Command } from 'commander';
import { acknowledge, resolve } from '../../store/case-actions.ts';
import { parseCompensation } from '../../cases/compensation.ts';
import { workingCalendar } from '../../cases/working-calendar.ts';
import { InputError } from '../../errors/index.ts';
import { getCase } from '../../store/cases-repository.ts';
import { parseId, withStore } from '../with-store.ts';
import type { DeclareCommand } from '../command.ts';

interface ResolveFlags {
  note: string;
  assignee?: string;
  compensation?: string;
  rootCause?: string;
  json?: boolean;
}

/**
 * `painpoint case ack|resolve|show`: the case API's actions from a terminal. A resolution webhook is
 * sent by the delivery worker's sweep.
 */
export const declareCases: DeclareCommand = (program: Command, run) => {
  const cases = program.command('case').description('Acknowledge, resolve or show a case (an alert) from the terminal');

  cases
    .command('ack')
    .description('Acknowledge a case: the customer was answered')
    .argument('<id>', 'the alert id')
    .option('--assignee <name>', 'who handles it')
    .option('--note <text>', 'what was done')
    .action(async (idText: string, flags: { assignee?: string; note?: string }) => {
      const id = parseId(idText, 'ID');
      const config = run.config();
      const calendar = workingCalendar(config.delivery.workingHours);
      const done = await withStore(config, (pool) => acknowledge(pool, calendar, id, { note: flags.note ?? null, assignee: flags.assignee ?? null }));
      if (!done) {
        process.stderr.write(`painpoint: no alert ${id}\n`);
        return run.setExitCode(1);
      }
      process.stdout.write(`case ${id} acknowledged\n`);
      run.setExitCode(0);
    });

  cases
    .command('resolve')
    .description('Resolve a case, with the compensation given and the root cause found')
    .argument('<id>', 'the alert id')
    .requiredOption('--note <text>', 'how it was resolved')
    .option('--assignee <name>', 'who handled it')
    .option('--compensation <kind[:amount]>', '免单, 退一赔三, 补发, 券, 退款 or other, with the amount in yuan, e.g. 退一赔三:89.7')
    .option('--root-cause <id>', 'the root cause behind it (painpoint rootcause list)')
    .option('--json', 'print the case as JSON')
    .action(async (idText: string, flags: ResolveFlags) => {
      const id = parseId(idText, 'ID');
      if (flags.note.trim() === '') throw new InputError('a resolution note is required', { field: '--note' });
      const compensation = flags.compensation === undefined ? undefined : parseCompensation(flags.compensation);
      if (typeof compensation === 'string') throw new InputError(compensation, { field: '--compensation' });
      const rootCauseId = flags.rootCause === undefined ? undefined : parseId(flags.rootCause, '--root-cause');
      const config = run.config();
      const calendar = workingCalendar(config.delivery.workingHours);
      const resolved = await withStore(config, async (pool) => {
        if (!(await resolve(pool, calendar, id, { note: flags.note.trim(), assignee: flags.assignee, compensation, rootCauseId }))) return undefined;
        return getCase(pool, id);
      });
      if (!resolved) {
        process.stderr.write(`painpoint: no alert ${id}\n`);
        return run.setExitCode(1);
      }
      process.stdout.write(flags.json ? `${JSON.stringify(resolved)}\n` : `case ${id} resolved (${resolved.resolveWorkingHours ?? 0} working hours)\n`);
      run.setExitCode(0);
    });

  cases
    .command('show')
    .description('Show a case as JSON')
    .argument('<id>', 'the alert id')
    .action(async (idText: string) => {
      const id = parseId(idText, 'ID');
      const found = await withStore(run.config(), (pool) => getCase(pool, id));
      if (!found) {
        process.stderr.write(`painpoint: no alert ${id}\n`);
        return run.setExitCode(1);
      }
      process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      run.setExitCode(0);
    });
};
