import type { Command } from 'commander';
import { openApp } from '../../app/app-context.ts';
import { queueName, STAGES } from '../../pipeline/queue-names.ts';
import type { DeclareCommand } from '../command.ts';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/** `painpoint queues`: job counts per queue and state (failed jobs are kept for inspection). */
export const declareQueues: DeclareCommand = (program: Command, run) => {
  program
    .command('queues')
    .description('Show job counts per queue and state')
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = run.config();
      const app = await openApp(config, { start: false });
      try {
        const ctx = await app.pipeline();
        const rows: Record<string, Record<string, number>> = {};
        for (const stage of STAGES) {
          const counts = await ctx.queues.queue(stage).getJobCounts(...STATES);
          rows[queueName(config.pipeline.queuePrefix, stage)] = Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0]));
        }
        if (opts.json) process.stdout.write(`${JSON.stringify({ backend: ctx.queues.backend, queues: rows }, null, 2)}\n`);
        else process.stdout.write(formatTable(ctx.queues.backend, rows));
        run.setExitCode(0);
      } finally {
        await app.close();
      }
    });
};

function formatTable(backend: string, rows: Record<string, Record<string, number>>): string {
  const names = Object.keys(rows);
  const width = Math.max(5, ...names.map((n) => n.length));
  const head = ['queue'.padEnd(width), ...STATES.map((s) => s.padStart(11))].join(' ');
  const lines = names.map((n) => [n.padEnd(width), ...STATES.map((s) => String(rows[n]![s]).padStart(11))].join(' '));
  return `queue backend: ${backend}\n${head}\n${lines.join('\n')}\n`;
}
