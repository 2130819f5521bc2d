import type { Command } from 'commander';
import { listCrawlSchedules, syncCrawlSchedules } from '../../../jobs/schedule.ts';
import { openApp } from '../../app/app-context.ts';
import { loadSources, sourcesFilePath } from '../../sources/crawl/index.ts';
import type { DeclareCommand } from '../command.ts';

/**
 * `painpoint schedule sync`: one BullMQ job scheduler per enabled source with a `schedule`
 * (upserted, so repeating it is harmless), removing those of sources no longer configured; running
 * `painpoint worker`s then crawl on time. `painpoint schedule list` shows what is registered.
 */
export const declareSchedule: DeclareCommand = (program: Command, run) => {
  const schedule = program.command('schedule').description('Crawl schedules of the sources in sources.yaml');

  schedule
    .command('sync')
    .description('Register a job scheduler per scheduled source; remove those no longer configured')
    .action(async () => {
      const config = run.config();
      const sources = loadSources(config);
      const app = await openApp(config, { start: true });
      try {
        const ctx = await app.pipeline();
        const result = await syncCrawlSchedules(ctx, sources);
        process.stdout.write(`${sourcesFilePath(config)}: ${result.upserted.length} scheduled, ${result.removed.length} removed\n`);
        for (const u of result.upserted) process.stdout.write(`  ${u.sourceId}  "${u.pattern}" ${u.timezone}${u.next ? `  next ${u.next.toISOString()}` : ''}\n`);
        for (const id of result.removed) process.stdout.write(`  removed ${id}\n`);
        run.setExitCode(0);
      } finally {
        await app.close();
      }
    });

  schedule
    .command('list')
    .description('Show the crawl schedules registered on the queue')
    .action(async () => {
      const config = run.config();
      const app = await openApp(config, { start: false });
      try {
        const ctx = await app.pipeline();
        const schedules = await listCrawlSchedules(ctx);
        if (schedules.length === 0) process.stdout.write('no crawl schedules (run `painpoint schedule sync`)\n');
        for (const s of schedules) process.stdout.write(`${s.id}  "${s.pattern ?? ''}" ${s.tz ?? ''}${s.next ? `  next ${s.next.toISOString()}` : ''}\n`);
        run.setExitCode(0);
      } finally {
        await app.close();
      }
    });
};
