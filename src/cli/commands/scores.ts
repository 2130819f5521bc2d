import type { Command } from 'commander';
import { lastDay, parsePeriod, todayIn } from '../../domain/period.ts';
import { formatScores } from '../../scores/format-scores.ts';
import { readScoreDays } from '../../scores/read-scores.ts';
import { SCORE_GROUP_KEYS, scoreGroups } from '../../scores/score-groups.ts';
import { parseFilters, parseGroupBy } from '../../scores/slice-filter.ts';
import { collect, formatFlag } from '../option-values.ts';
import { withStore } from '../with-store.ts';
import type { DeclareCommand } from '../command.ts';

/** `painpoint scores`: NPS, CSAT and CES per group with their intervals, against the targets. */
export const declareScores: DeclareCommand = (program: Command, run) => {
  program
    .command('scores')
    .description('NPS, CSAT and CES with 95% intervals per week, region, segment, channel, source or product, against the targets')
    .option('--since <period>', 'the period: days (30d), weeks (8w) or a start date (2026-03-01)', '8w')
    .option('--by <key>', `group by (repeatable): ${SCORE_GROUP_KEYS.join(', ')}`, collect, [] as string[])
    .option('--filter <key=value>', 'only items with this value (repeatable), e.g. region=华南', collect, [] as string[])
    .option('--format <format>', 'table or json', 'table')
    .action(async (flags: { since: string; by: string[]; filter: string[]; format: string }) => {
      const format = formatFlag(flags.format);
      const by = parseGroupBy(flags.by, SCORE_GROUP_KEYS);
      const filter = parseFilters(flags.filter);
      const config = run.config();
      const period = parsePeriod(flags.since, todayIn(config.pipeline.timeZone));
      const rows = await withStore(config, (pool) => readScoreDays(pool, period.since, period.until, filter));
      const groups = scoreGroups(rows, by, { scores: config.scores, targets: config.targets });
      const range = { since: period.since, last: lastDay(period.until) };
      if (format === 'json') process.stdout.write(`${JSON.stringify({ period: range, by, filter, targets: config.targets, minResponses: config.scores.minResponses, groups }, null, 2)}\n`);
      else process.stdout.write(formatScores(groups, by, range, config.scores.confidence));
      run.setExitCode(0);
    });
};
