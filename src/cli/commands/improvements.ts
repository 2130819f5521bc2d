import type { Command } from 'commander';
import { InputError } from '../../errors/index.ts';
import { formatScope, parseScope } from '../../domain/index.ts';
import { todayIn } from '../../domain/period.ts';
import { renderTable } from '../../terminal/text-width.ts';
import { addImprovement, biweeklyList, IMPROVEMENT_STATUSES, listImprovements, type BiweeklyRow, type ImprovementStatus, type ListedImprovement } from '../../store/improvements-repository.ts';
import { collect } from '../option-values.ts';
import { parseId, taxonomyTopic, withStore } from '../with-store.ts';
import type { DeclareCommand } from '../command.ts';

interface AddFlags {
  topic: string;
  action: string;
  start: string;
  pilot: string[];
  control: string[];
  rootCause?: string;
  owner?: string;
  status?: string;
  note?: string;
  json?: boolean;
}

/** Days of the bi-weekly list. */
export const BIWEEKLY_DAYS = 14;

function isoDate(text: string, flag: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== text) throw new InputError(`expected a date as YYYY-MM-DD, got "${text}"`, { field: flag });
  return text;
}

/** `painpoint improvements add|list [--biweekly]`: what is being done about pain points, and the bi-weekly list. */
export const declareImprovements: DeclareCommand = (program: Command, run) => {
  const improvements = program.command('improvements').description('Record improvements and list them with their verdicts, or the bi-weekly improvement list');

  improvements
    .command('add')
    .description('Record an improvement on a topic from a start date, tried in a pilot scope (and measured against a control scope); prints the new id')
    .requiredOption('--topic <topic>', 'the pain-point topic, e.g. product.packaging')
    .requiredOption('--action <text>', 'what is changed, e.g. 新包装：加厚泡沫箱')
    .requiredOption('--start <date>', 'first day the change applies (YYYY-MM-DD)')
    .option('--pilot <key=value>', 'the pilot scope, e.g. region=华南 (repeatable; default: everything)', collect, [])
    .option('--control <key=value>', 'a control scope left unchanged, e.g. region=华东 (repeatable)', collect, [])
    .option('--root-cause <id>', 'the root cause it addresses')
    .option('--owner <name>', 'who carries it out')
    .option('--status <status>', `${IMPROVEMENT_STATUSES.join(', ')} (default active)`)
    .option('--note <text>', 'anything else')
    .option('--json', 'print {"id": N} as JSON')
    .action(async (flags: AddFlags) => {
      const config = run.config();
      const topic = taxonomyTopic(config, flags.topic);
      const startDate = isoDate(flags.start, '--start');
      const pilot = parseScope(flags.pilot);
      if (typeof pilot === 'string') throw new InputError(pilot, { field: '--pilot' });
      const control = flags.control.length ? parseScope(flags.control) : undefined;
      if (typeof control === 'string') throw new InputError(control, { field: '--control' });
      if (control && formatScope(control) === formatScope(pilot)) throw new InputError('the control scope is the pilot scope: name a scope the change does not reach', { field: '--control' });
      if (flags.status !== undefined && !(IMPROVEMENT_STATUSES as readonly string[]).includes(flags.status)) throw new InputError(`expected one of ${IMPROVEMENT_STATUSES.join(', ')}`, { field: '--status' });
      const rootCauseId = flags.rootCause === undefined ? undefined : parseId(flags.rootCause, '--root-cause');
      const id = await withStore(config, (pool) =>
        addImprovement(pool, { topic, action: flags.action, startDate, pilot, control, rootCauseId, owner: flags.owner, status: flags.status as ImprovementStatus | undefined, note: flags.note }),
      );
      process.stdout.write(flags.json ? `${JSON.stringify({ id })}\n` : `improvement ${id}: ${flags.action} (${topic}, from ${startDate})\n`);
      run.setExitCode(0);
    });

  improvements
    .command('list')
    .description('List improvements with their verdicts; --biweekly ranks the open pain points and their improvements by urgency × reach')
    .option('--biweekly', `the bi-weekly improvement list (the last ${BIWEEKLY_DAYS} days)`)
    .option('--to <date>', 'last day of the bi-weekly window (default: today)')
    .option('--topic <topic>', 'only this topic')
    .option('--json', 'one JSON object per line')
    .action(async (flags: { biweekly?: boolean; to?: string; topic?: string; json?: boolean }) => {
      const config = run.config();
      const tz = config.pipeline.timeZone;
      const to = flags.to === undefined ? todayIn(tz) : isoDate(flags.to, '--to');
      const out = await withStore(config, async (pool) => {
        if (!flags.biweekly) {
          const rows = await listImprovements(pool, { topic: flags.topic });
          return flags.json ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : formatImprovements(rows);
        }
        const rows = (await biweeklyList(pool, to, BIWEEKLY_DAYS, tz)).filter((r) => !flags.topic || r.topic === flags.topic);
        return flags.json ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : formatBiweekly(rows, to);
      });
      process.stdout.write(out);
      run.setExitCode(0);
    });
};

function table(head: string[], cells: string[][]): string {
  return `${renderTable(head, cells, head.map(() => 'left'))}\n`;
}

function formatImprovements(rows: readonly ListedImprovement[]): string {
  if (rows.length === 0) return 'no improvements\n';
  return table(
    ['id', 'topic', 'start', 'status', 'pilot', 'control', 'effect', 'verdict', 'action'],
    rows.map((r) => [String(r.id), r.topic, r.startDate, r.status, formatScope(r.pilot), formatScope(r.control), r.effect === null ? '' : signed(r.effect), r.verdict ?? '', r.action]),
  );
}

function signed(x: number): string {
  return `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`;
}

function formatBiweekly(rows: readonly BiweeklyRow[], to: string): string {
  if (rows.length === 0) return `no negative mentions in the ${BIWEEKLY_DAYS} days to ${to}\n`;
  const body = table(
    ['rank', 'topic', 'negative', 'items', 'rate', 'severity', 'trend', 'score', 'improvements'],
    rows.map((r, i) => [
      String(i + 1),
      r.topic,
      String(r.negativeMentions),
      String(r.items),
      r.negativeRate === null ? '' : `${(r.negativeRate * 100).toFixed(1)}%`,
      `×${r.severityWeight}`,
      `×${r.trend.toFixed(2)}`,
      r.score.toFixed(1),
      r.improvements.map((im) => `#${im.id} ${im.action} (${im.verdict ?? im.status})`).join('; '),
    ]),
  );
  return `体验改进清单: the ${BIWEEKLY_DAYS} days to ${to}; score = negative rate × items × severity weight × trend\n${body}`;
}
