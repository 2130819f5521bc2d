import type { Command } from 'commander';
import { InputError } from '../../errors/index.ts';
import { findingLine } from '../../monitors/finding.ts';
import { formatFinding, formatMonitorList } from '../../monitors/format-monitors.ts';
import { loadMonitors } from '../../monitors/load-monitors.ts';
import { runMonitorCheck } from '../../monitors/run-check.ts';
import { parseAt } from '../../monitors/windows.ts';
import { openApp } from '../../app/app-context.ts';
import { listMetricAlerts } from '../../store/metric-alerts-repository.ts';
import type { DeclareCommand } from '../command.ts';

/** `painpoint monitors check|list`: the metric monitors of config/monitors.yaml from the terminal. */
export const declareMonitors: DeclareCommand = (program: Command, run) => {
  const monitors = program.command('monitors').description('Metric monitors (config/monitors.yaml): spikes, thresholds and targets');

  monitors
    .command('check')
    .description('Evaluate every monitor on its last complete window before --at (default now); record and send new findings')
    .option('--at <date>', 'evaluate as of this date (2026-11-16) or ISO time')
    .option('--json', 'one JSON object per finding: {monitor, metric, topic, scope, window, value, baseline, p_value, n, ...}')
    .action(async (opts: { at?: string; json?: boolean }) => {
      const config = run.config();
      loadMonitors(config); // a bad monitors file fails before any service starts
      let at: Date;
      try {
        at = parseAt(opts.at, config.pipeline.timeZone);
      } catch (err) {
        throw new InputError((err as Error).message, { field: '--at' });
      }
      const app = await openApp(config, { start: true, poolSize: 3 });
      try {
        const ctx = await app.pipeline();
        const found = await runMonitorCheck(ctx, { at });
        if (opts.json) for (const r of found) process.stdout.write(`${findingLine(r.finding, { id: r.newId ?? null, new: r.newId !== undefined, status: r.status ?? null })}\n`);
        else process.stdout.write(found.length === 0 ? 'no findings\n' : `${found.map(formatFinding).join('\n')}\n`);
        run.setExitCode(0);
      } finally {
        await app.close();
      }
    });

  monitors
    .command('list')
    .description('Show the monitors and when the worker checks them next')
    .option('--json', 'the validated monitors as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = run.config();
      const { file, monitors: list } = loadMonitors(config);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ file, everyMs: config.monitors.every, monitors: list }, null, 2)}\n`);
        run.setExitCode(0);
        return;
      }
      const app = await openApp(config, { start: false, poolSize: 1 }).catch(() => undefined);
      try {
        // Loaded here: the schedules module pulls in the crawl job, which no other monitors command needs.
        const { monitorScheduleNext } = await import('../../../jobs/schedule.ts');
        const next = app ? await app.pipeline().then(monitorScheduleNext).catch(() => undefined) : undefined;
        const recent = app ? await listMetricAlerts(app.pool, 10).catch(() => []) : [];
        process.stdout.write(formatMonitorList(list, file, { everyMs: config.monitors.every, next }, recent));
        run.setExitCode(0);
      } finally {
        await app?.close();
      }
    });
};
