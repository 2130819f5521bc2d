import type { Command } from 'commander';
import { InputError } from '../../errors/index.ts';
import { lastDay, parsePeriod, todayIn } from '../../domain/period.ts';
import { topicLabels } from '../../report/topic-labels.ts';
import { drivers } from '../../scores/drivers.ts';
import { formatDrivers } from '../../scores/format-scores.ts';
import { readDriverTallies } from '../../scores/read-scores.ts';
import { parseFilters } from '../../scores/slice-filter.ts';
import { collect, formatFlag } from '../option-values.ts';
import { withStore } from '../with-store.ts';
import type { DeclareCommand } from '../command.ts';

/** `painpoint drivers`: what each pain point costs NPS (or CSAT), with its interval, most first. */
export const declareDrivers: DeclareCommand = (program: Command, run) => {
  program
    .command('drivers')
    .description('For each topic: the score among items that complain of it against the rest, and the points of NPS or CSAT it costs')
    .option('--since <period>', 'the period: days (30d), weeks (8w) or a start date', '8w')
    .option('--metric <metric>', 'nps or csat', 'nps')
    .option('--filter <key=value>', 'only items with this value (repeatable)', collect, [] as string[])
    .option('--format <format>', 'table or json', 'table')
    .action(async (flags: { since: string; metric: string; filter: string[]; format: string }) => {
      if (flags.metric !== 'nps' && flags.metric !== 'csat') throw new InputError(`expected nps or csat, got "${flags.metric}"`, { field: '--metric' });
      const metric = flags.metric;
      const format = formatFlag(flags.format);
      const filter = parseFilters(flags.filter);
      const config = run.config();
      const period = parsePeriod(flags.since, todayIn(config.pipeline.timeZone));
      const { total, byTopic } = await withStore(config, (pool) => readDriverTallies(pool, period.since, period.until, filter));
      const list = drivers(metric, total, byTopic, config.scores);
      const range = { since: period.since, last: lastDay(period.until) };
      if (format === 'json') process.stdout.write(`${JSON.stringify({ period: range, metric, filter, drivers: list }, null, 2)}\n`);
      else process.stdout.write(formatDrivers(list, metric, topicLabels(config), range));
      run.setExitCode(0);
    });
};
