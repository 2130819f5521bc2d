import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { runDemo } from '../../demo/run-demo.ts';
import { formatFinding } from '../../monitors/format-monitors.ts';
import { lastDay, parsePeriod, todayIn } from '../../domain/period.ts';
import { formatScores } from '../../scores/format-scores.ts';
import { readScoreDays } from '../../scores/read-scores.ts';
import { scoreGroups } from '../../scores/score-groups.ts';
import { formatEffect } from '../../improvements/format-effect.ts';
import { buildReport, formatHtml, formatTable, topicLabels } from '../../report/index.ts';
import { openApp } from '../../app/app-context.ts';
import { listenDashboard, serveUntilSignal } from '../../server/listen.ts';
import { API_TOKEN_ENV } from './serve.ts';
import type { DeclareCommand } from '../command.ts';

const say = (line: string) => process.stderr.write(`painpoint: ${line}\n`);

/**
 * `painpoint demo`: the whole pipeline on the bundled samples, on a machine with nothing installed
 * but the npm packages. The services stay up afterwards so the tables can be explored
 * (`painpoint report`, psql); `painpoint services down` stops them.
 */
export const declareDemo: DeclareCommand = (program: Command, run) => {
  program
    .command('demo')
    .description('Start the embedded services, import the bundled sample reviews, chats and posts through the pipeline, and print the report')
    .option('--since <period>', 'report period', '30d')
    .option('--html <file>', 'also write the HTML report with the heatmap')
    .option('--serve', 'then serve the dashboard on delivery.api.host:port until Ctrl-C')
    .action(async (flags: { since: string; html?: string; serve?: boolean }) => {
      const config = run.config();
      const app = await openApp(config, { start: true });
      try {
        const ctx = await app.pipeline();
        const demo = await runDemo(ctx, { say });
        say(`recorded the packaging root cause ${demo.loop.rootCauseId} (painpoint rootcause list) and its fix, improvement ${demo.loop.improvementId}`);
        const labels = topicLabels(config);
        const report = await buildReport(ctx.pool, { since: flags.since, timeZone: config.pipeline.timeZone, labels });
        process.stdout.write(formatTable(report, 10));
        const period = parsePeriod('8w', todayIn(config.pipeline.timeZone));
        const scores = scoreGroups(await readScoreDays(ctx.pool, period.since, period.until), ['week'], { scores: config.scores, targets: config.targets });
        process.stdout.write(`\n${formatScores(scores, ['week'], { since: period.since, last: lastDay(period.until) }, config.scores.confidence)}`);
        process.stdout.write(`\nWhat the default monitors (config/monitors.yaml) found, week by week:\n${demo.findings.map(formatFinding).join('\n') || 'nothing'}\n`);
        process.stdout.write(`\nDid the packaging fix work? (painpoint effect ${demo.loop.improvementId})\n${formatEffect(demo.loop.effect)}`);
        if (flags.html) {
          const file = path.resolve(flags.html);
          fs.writeFileSync(file, formatHtml(report, 10));
          say(`wrote ${file}`);
        }
        if (flags.serve) {
          // Without a configured token the demo makes one up for this run and prints it in the link.
          const token = process.env[API_TOKEN_ENV]?.trim() || randomBytes(18).toString('base64url');
          const { server, url } = await listenDashboard(config, { pool: ctx.pool, queues: ctx.queues, logger: ctx.logger, token });
          say(`dashboard: ${url}/?token=${process.env[API_TOKEN_ENV]?.trim() ? `$${API_TOKEN_ENV}` : token} (stop with Ctrl-C)`);
          await serveUntilSignal(server);
        }
      } finally {
        await app.close();
      }
      if (!flags.serve) {
        const { host, port } = config.delivery.api;
        say(`dashboard: run \`PAINPOINT_API_TOKEN=… painpoint serve\` and open http://${host}:${port}/?token=… (or \`painpoint demo --serve\`)`);
      }
      say('the services keep running: try `painpoint report --since 8w --html report.html`, and `painpoint services down` to stop them');
      run.setExitCode(0);
    });
};
