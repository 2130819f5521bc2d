import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { runDemo } from '../../demo/run-demo.ts';
import { formatEffect } from '../../improvements/format-effect.ts';
import { buildReport, formatHtml, formatTable, topicLabels } from '../../report/index.ts';
import { closePipelineContext, openPipeline } from '../../pipeline/open-pipeline.ts';
import type { DeclareCommand } from './index.ts';

const say = (line: string) => process.stderr.write(`painpoint: ${line}\n`);

/**
 * `painpoint demo`: the whole pipeline on the bundled samples, on a machine with nothing installed
 * but the npm packages. The services stay up afterwards so the tables can be explored
 * (`painpoint report`, psql); `painpoint services down` stops them.
 */
export const declareDemo: DeclareCommand = (program: Command, setExitCode) => {
  program
    .command('demo')
    .description('Start the embedded services, import the bundled sample reviews, chats and posts through the pipeline, and print the report')
    .option('--since <period>', 'report period', '30d')
    .option('--html <file>', 'also write the HTML report with the heatmap')
    .action(async (flags: { since: string; html?: string }) => {
      const config = loadConfig();
      const ctx = await openPipeline(config, { start: true });
      try {
        const demo = await runDemo(ctx, { say });
        say(`recorded the packaging root cause ${demo.loop.rootCauseId} (painpoint rootcause list) and its fix, improvement ${demo.loop.improvementId}`);
        const labels = topicLabels(config);
        const report = await buildReport(ctx.pool, { since: flags.since, timeZone: config.pipeline.timeZone, labels });
        process.stdout.write(formatTable(report, 10));
        process.stdout.write(`\nDid the packaging fix work? (painpoint effect ${demo.loop.improvementId})\n${formatEffect(demo.loop.effect)}`);
        if (flags.html) {
          const file = path.resolve(flags.html);
          fs.writeFileSync(file, formatHtml(report, 10));
          say(`wrote ${file}`);
        }
      } finally {
        await closePipelineContext(ctx);
      }
      say('the services keep running: try `painpoint report --since 8w --html report.html`, and `painpoint services down` to stop them');
      setExitCode(0);
    });
};
