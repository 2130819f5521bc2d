import { InvalidArgumentError, type Command } from 'commander';
import { retryAlerts } from '../../delivery/index.ts';
import { deploymentOf } from '../../delivery/endpoint-registry.ts';
import { openApp } from '../../app/app-context.ts';
import { ALERT_STATUSES } from '../../domain/index.ts';
import { listAlerts, statusCounts, type AlertListRow, type RetryableStatus } from '../../store/alerts-repository.ts';
import { activeEndpoints, retireEndpoints } from '../../store/delivery-endpoints-repository.ts';
import type { DeclareCommand } from '../command.ts';

function alertId(value: string, previous: number[] = []): number[] {
  if (!/^\d{1,18}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not an alert id`);
  return [...previous, Number(value)];
}

/** `--since`: a date (2026-03-01), a time (2026-03-01T08:00:00+08:00), or hours or days back (36h, 7d). */
export function sinceDate(value: string, now = new Date()): Date {
  const v = value.trim();
  const relative = /^(\d{1,5})([hd])$/.exec(v);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * (relative[2] === 'h' ? 3_600_000 : 86_400_000));
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(v)?.[1];
  const parsed = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  // `2026-02-30` parses (as 2 March): the calendar day must survive the round trip.
  const realDay = day !== undefined && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
  if (!realDay || Number.isNaN(parsed.getTime())) {
    throw new InvalidArgumentError(`"${value}" is not a date (2026-03-01), a time (2026-03-01T08:00:00+08:00) or a span back (36h, 7d)`);
  }
  return parsed;
}

function status(value: string): string {
  if (!(ALERT_STATUSES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${ALERT_STATUSES.join(', ')}`);
  return value;
}

/** `painpoint alerts list|retry`: the outbox and its cases from the terminal. */
export const declareAlerts: DeclareCommand = (program: Command, run) => {
  const alerts = program.command('alerts').description('List alerts and their delivery, or deliver failed ones again');

  alerts
    .command('list')
    .description('List alerts, newest first, with their last delivery attempt')
    .option('--status <status>', `only this status (${ALERT_STATUSES.join(', ')})`, status)
    .option('--rule <rule>', 'only this alert rule, e.g. spoilage')
    .option('--limit <n>', 'at most this many (default 50)', (v) => Number(v))
    .option('--json', 'one JSON object per line')
    .action(async (opts: { status?: string; rule?: string; limit?: number; json?: boolean }) => {
      const config = run.config();
      const app = await openApp(config, { start: false, poolSize: 2 });
      try {
        const rows = await listAlerts(app.pool, { status: opts.status, rule: opts.rule, limit: opts.limit ?? 50 });
        process.stdout.write(opts.json ? rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '') : formatTable(rows));
        // Counts per status on stderr, so `--json` output stays one alert per line.
        const counts = await statusCounts(app.pool);
        process.stderr.write(`${formatCounts(counts)}\n`);
        run.setExitCode(0);
      } finally {
        await app.close();
      }
    });

  alerts
    .command('retry')
    .description('Deliver alerts again: failed ones (named, or all with --failed), or stale and unrouted ones on request')
    .argument('[ids...]', 'alert ids', (v: string, prev: number[]) => alertId(v, prev), [] as number[])
    .option('--failed', 'every failed alert')
    .option('--stale', `every stale alert (about items posted longer ago than delivery.maxAgeHours), routed and sent now`)
    .option('--unrouted', 'every unrouted alert (raised while no endpoint accepted it), routed with the endpoints of now')
    .option('--since <when>', 'only alerts about items posted since then: a date, a time, or 36h / 7d back', (v) => sinceDate(v))
    .action(async (ids: number[], opts: { failed?: boolean; stale?: boolean; unrouted?: boolean; since?: Date }) => {
      const statuses: RetryableStatus[] = [...(opts.failed ? ['failed' as const] : []), ...(opts.stale ? ['stale' as const] : []), ...(opts.unrouted ? ['unrouted' as const] : [])];
      if (ids.length === 0 && statuses.length === 0) throw new InvalidArgumentError('name alert ids or pass --failed, --stale or --unrouted');
      const config = run.config();
      const app = await openApp(config, { start: false, poolSize: 2 });
      try {
        const ctx = await app.pipeline();
        // Named alerts are retried whatever their retryable status; the flags take all of theirs.
        const { retried, skipped } = await retryAlerts(ctx, {
          ids,
          all: statuses.length > 0,
          statuses: statuses.length > 0 ? statuses : ['failed', 'stale', 'unrouted'],
          since: opts.since,
        });
        process.stdout.write(`queued ${retried.length} alert(s) for delivery${retried.length ? `: ${retried.slice(0, 50).join(', ')}${retried.length > 50 ? ', …' : ''}` : ''}\n`);
        if (skipped.length) process.stdout.write(`not failed, stale or unrouted, left alone: ${skipped.join(', ')}\n`);
        run.setExitCode(skipped.length > 0 && retried.length === 0 ? 1 : 0);
      } finally {
        await app.close();
      }
    });

  alerts
    .command('endpoints')
    .description('List the endpoints alerts are routed to (registered by the delivery workers), or retire some')
    .option('--retire <names...>', 'stop routing alerts to these endpoints (a delivery worker configured with one registers it again)')
    .action(async (opts: { retire?: string[] }) => {
      const config = run.config();
      const app = await openApp(config, { start: false, poolSize: 2 });
      try {
        const deployment = deploymentOf(config);
        if (opts.retire) {
          const retired = await retireEndpoints(app.pool, deployment, opts.retire);
          const unknown = opts.retire.filter((n) => !retired.includes(n));
          if (retired.length) process.stdout.write(`retired: ${retired.join(', ')}\n`);
          if (unknown.length) process.stderr.write(`painpoint: not registered for deployment "${deployment}": ${unknown.join(', ')}\n`);
          run.setExitCode(unknown.length > 0 ? 1 : 0);
          return;
        }
        const rows = await activeEndpoints(app.pool, deployment);
        if (rows.length === 0) process.stdout.write(`no endpoints registered for deployment "${deployment}": alerts are unrouted until a delivery worker with one starts\n`);
        for (const r of rows) {
          const filters = [r.rules && `rules ${r.rules.join(',')}`, r.minSeverity !== 'low' && `from ${r.minSeverity}`, r.channels && `channels ${r.channels.join(',')}`, r.sources && `sources ${r.sources.join(',')}`].filter(Boolean);
          process.stdout.write(`${r.name}  ${r.format}  receives ${r.receives.join(',')}${filters.length ? `  ${filters.join('; ')}` : ''}\n`);
        }
        run.setExitCode(0);
      } finally {
        await app.close();
      }
    });
};

/** `pending 3 · delivered 120 · unrouted 7 …`: every status, the ones that need a look first. */
export function formatCounts(counts: Record<string, number>): string {
  const order = ['unrouted', 'failed', 'stale', 'pending', 'delivered', 'acknowledged', 'resolved'];
  const known = order.filter((s) => counts[s]).map((s) => `${s} ${counts[s]}`);
  const other = Object.keys(counts).filter((s) => !order.includes(s)).map((s) => `${s} ${counts[s]}`);
  const all = [...known, ...other];
  return all.length ? `alerts by status: ${all.join(' · ')}` : 'alerts by status: none';
}

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
