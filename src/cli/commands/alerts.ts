import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { retryAlerts } from '../../delivery/index.ts';
import { closePipelineContext, openPipeline } from '../../pipeline/open-pipeline.ts';
import { ALERT_STATUSES } from '../../server/index.ts';
import { listAlerts, type AlertListRow } from '../../store/alerts-repository.ts';
import type { DeclareCommand } from './index.ts';

function alertId(value: string, previous: number[] = []): number[] {
  if (!/^\d{1,18}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not an alert id`);
  return [...previous, Number(value)];
}

function status(value: string): string {
  if (!(ALERT_STATUSES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${ALERT_STATUSES.join(', ')}`);
  return value;
}

/** `painpoint alerts list|retry`: the outbox and its cases from the terminal. */
export const declareAlerts: DeclareCommand = (program: Command, setExitCode) => {
  const alerts = program.command('alerts').description('List alerts and their delivery, or deliver failed ones again');

  alerts
    .command('list')
    .description('List alerts, newest first, with their last delivery attempt')
    .option('--status <status>', `only this status (${ALERT_STATUSES.join(', ')})`, status)
    .option('--rule <rule>', 'only this alert rule, e.g. spoilage')
    .option('--limit <n>', 'at most this many (default 50)', (v) => Number(v))
    .option('--json', 'one JSON object per line')
    .action(async (opts: { status?: string; rule?: string; limit?: number; json?: boolean }) => {
      const config = loadConfig();
      const ctx = await openPipeline(config, { start: false, poolSize: 2 });
      try {
        const rows = await listAlerts(ctx.pool, { status: opts.status, rule: opts.rule, limit: opts.limit ?? 50 });
        process.stdout.write(opts.json ? rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '') : formatTable(rows));
        setExitCode(0);
      } finally {
        await closePipelineContext(ctx);
      }
    });

  alerts
    .command('retry')
    .description('Deliver failed alerts again (named ones, or all with --failed)')
    .argument('[ids...]', 'alert ids', (v: string, prev: number[]) => alertId(v, prev), [] as number[])
    .option('--failed', 'every failed alert')
    .action(async (ids: number[], opts: { failed?: boolean }) => {
      if (ids.length === 0 && !opts.failed) throw new InvalidArgumentError('name alert ids or pass --failed');
      const config = loadConfig();
      const ctx = await openPipeline(config, { start: false, poolSize: 2 });
      try {
        const { retried, skipped } = await retryAlerts(ctx, { ids, allFailed: opts.failed === true });
        process.stdout.write(`queued ${retried.length} alert(s) for delivery${retried.length ? `: ${retried.join(', ')}` : ''}\n`);
        if (skipped.length) process.stdout.write(`not failed, left alone: ${skipped.join(', ')}\n`);
        setExitCode(skipped.length > 0 && retried.length === 0 ? 1 : 0);
      } finally {
        await closePipelineContext(ctx);
      }
    });
};

function formatTable(rows: AlertListRow[]): string {
  if (rows.length === 0) return 'no alerts\n';
  const head = ['id', 'status', 'rule', 'severity', 'source', 'created', 'due', 'tries', 'last result'];
  const cells = rows.map((r) => [
    String(r.id),
    r.status,
    r.rule,
    r.severity,
    r.source,
    r.createdAt.toISOString().slice(0, 16).replace('T', ' '),
    r.dueAt.toISOString().slice(0, 16).replace('T', ' '),
    String(r.attempts),
    r.lastEndpoint ? `${r.lastEndpoint}: ${r.lastError ?? `HTTP ${r.lastStatusCode}`}`.slice(0, 60) : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...cells.map(line)].join('\n') + '\n';
}
