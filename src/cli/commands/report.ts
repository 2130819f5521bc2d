import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors/index.ts';
import { parsePeriod, todayIn } from '../../domain/period.ts';
import { buildReport, formatHtml, formatTable, topicLabels } from '../../report/index.ts';
import { DIMENSIONS, parseFilters, parseGroupBy } from '../../scores/slice-filter.ts';
import { collect, formatFlag } from '../option-values.ts';
import { withStore } from '../with-store.ts';
import type { DeclareCommand } from '../command.ts';

interface ReportFlags {
  since: string;
  format: string;
  html?: string;
  top: string;
  by: string[];
  filter: string[];
}

/** `painpoint report`: top pain points with share and change, as a table, JSON, or an HTML heatmap. */
export const declareReport: DeclareCommand = (program: Command, run) => {
  program
    .command('report')
    .description('Top pain points: negative mentions, share and change against the previous period of the same length')
    .option('--since <period>', 'the period: days (30d), weeks (8w) or a start date (2026-03-01)', '30d')
    .option('--format <format>', 'table (for a terminal) or json (for scripts)', 'table')
    .option('--html <file>', 'also write a self-contained HTML report with the heatmap (topics × weeks)')
    .option('--top <n>', 'how many pain points to list', '10')
    .option('--by <dimension>', `also break the pain points down by ${DIMENSIONS.join(', ')}`, collect, [] as string[])
    .option('--filter <key=value>', 'only items with this value (repeatable), e.g. region=华南 or product=毛肚', collect, [] as string[])
    .action(async (flags: ReportFlags) => {
      const format = formatFlag(flags.format);
      const top = Number(flags.top);
      if (!Number.isInteger(top) || top < 1) throw new InputError(`expected a whole number of at least 1, got "${flags.top}"`, { field: '--top' });
      const by = parseGroupBy(flags.by, DIMENSIONS);
      if (by.length > 1) throw new InputError(`one dimension at a time (got ${by.join(', ')})`, { field: '--by' });
      const filter = parseFilters(flags.filter);
      const config = run.config();
      parsePeriod(flags.since, todayIn(config.pipeline.timeZone)); // a bad --since is said before any database is touched
      const labels = topicLabels(config);
      const report = await withStore(config, (pool) => buildReport(pool, { since: flags.since, timeZone: config.pipeline.timeZone, labels, filter, by: by[0] }));
      process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report, top));
      if (flags.html) {
        const file = path.resolve(flags.html);
        fs.writeFileSync(file, formatHtml(report, top));
        process.stderr.write(`painpoint: wrote ${file}\n`);
      }
      run.setExitCode(0);
    });
};
