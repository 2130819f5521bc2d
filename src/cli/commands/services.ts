import type { Command } from 'commander';
import { redactUrl } from '../../log/logger.ts';
import { EXIT } from '../exit-codes.ts';
import { probeDatabase, servicesDown, servicesStatus, servicesUp, type LocalServiceStatus, type ServicesStatus } from '../../services/index.ts';
import type { DeclareCommand } from '../command.ts';

function describe(name: string, s: LocalServiceStatus): string {
  switch (s.mode) {
    case 'env':
      return `${name}: ${redactUrl(s.url ?? '')} (from ${name === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL'}${s.reachable === false ? '; not reachable' : ''})`;
    case 'embedded':
      return `${name}: ${s.url} (${s.started ? 'started' : 'running'}, pid ${s.pid})`;
    default:
      return `${name}: not running`;
  }
}

function print(status: ServicesStatus, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    return;
  }
  const lines = [
    describe('postgres', status.postgres),
    describe('redis', status.redis),
    `queue backend: ${status.queueBackend}${status.queueBackend === 'postgres' ? ' (BullMQ on Postgres; `services up --redis` or REDIS_URL for Redis)' : ''}`,
    `data: ${status.dataDir}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const say = (line: string) => process.stderr.write(`painpoint: ${line}\n`);

/** `painpoint services up|down|status`: the local embedded Postgres (and redis-server) lifecycle. */
export const declareServices: DeclareCommand = (program: Command, run) => {
  const services = program
    .command('services')
    .description('Start, stop or show the local services (embedded Postgres, optional redis-server) used when DATABASE_URL / REDIS_URL are unset');

  services
    .command('up')
    .description('Start the embedded Postgres (data in <dataDir>/pg) unless DATABASE_URL is set; idempotent')
    .option('--redis', 'also start a local redis-server (append-only, data in <dataDir>/redis) so the queues run on Redis')
    .option('--json', 'print the status as JSON')
    .action(async (opts: { redis?: boolean; json?: boolean }) => {
      const config = run.config();
      print(await servicesUp(config, { redis: opts.redis === true, say }), opts.json === true);
      run.setExitCode(0);
    });

  services
    .command('down')
    .description('Stop the servers `services up` started (never those named by DATABASE_URL / REDIS_URL)')
    .action(async () => {
      const config = run.config();
      const { stopped } = await servicesDown(config, { say });
      process.stdout.write(stopped.length ? `stopped: ${stopped.join(', ')}\n` : 'nothing was running\n');
      run.setExitCode(0);
    });

  services
    .command('status')
    .description('Show the URLs in use and the queue backend; exit code 3 when the database is not reachable')
    .option('--json', 'print the status as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = run.config();
      const status = await servicesStatus(config);
      const probe = status.postgres.url ? await probeDatabase(status.postgres.url) : { reachable: false as const, reason: 'not running' };
      print({ ...status, postgres: { ...status.postgres, reachable: probe.reachable } }, opts.json === true);
      if (!probe.reachable && status.postgres.url) say(`the database at ${redactUrl(status.postgres.url)} is not reachable (${probe.reason}): check DATABASE_URL, or unset it and run \`painpoint services up\``);
      run.setExitCode(probe.reachable ? EXIT.ok : EXIT.unavailable);
    });
};
