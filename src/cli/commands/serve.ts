import type { AddressInfo } from 'node:net';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { ConfigError } from '../../errors/index.ts';
import { createLogger } from '../../log/logger.ts';
import { workingCalendar } from '../../cases/working-calendar.ts';
import { createCaseApi } from '../../server/index.ts';
import { resolveServices } from '../../services/index.ts';
import { migrate } from '../../store/migrate.ts';
import { createPool } from '../../store/pool.ts';
import type { DeclareCommand } from './index.ts';

/** The environment variable holding the case API's bearer token. */
export const API_TOKEN_ENV = 'PAINPOINT_API_TOKEN';

/** `painpoint serve`: the case API (acknowledge, resolve, list alerts) until SIGTERM or SIGINT. */
export const declareServe: DeclareCommand = (program: Command, setExitCode) => {
  program
    .command('serve')
    .description(`Serve the case API: POST /alerts/:id/ack, POST /alerts/:id/resolve, GET /alerts, GET /healthz (bearer token from ${API_TOKEN_ENV})`)
    .option('--port <n>', 'port (default: delivery.api.port)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number');
      return n;
    })
    .option('--host <address>', 'address to listen on (default: delivery.api.host)')
    .action(async (opts: { port?: number; host?: string }) => {
      const config = loadConfig();
      const token = process.env[API_TOKEN_ENV]?.trim();
      if (!token || token.length < 16) throw new ConfigError(`${API_TOKEN_ENV} must be set to a token of at least 16 characters`, { key: API_TOKEN_ENV });
      const logger = createLogger({ level: config.env.logLevel });
      const { databaseUrl } = await resolveServices(config, { start: true });
      const pool = createPool(databaseUrl, { max: 4, applicationName: 'painpoint-serve' });
      await migrate(pool);
      const server = createCaseApi({ pool, logger, token, calendar: workingCalendar(config.delivery.workingHours) });
      const host = opts.host ?? config.delivery.api.host;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? config.delivery.api.port, host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      logger.info({ host, port }, 'case API listening');
      process.stderr.write(`painpoint: case API on http://${host}:${port} (stop with Ctrl-C)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => server.close(() => resolve());
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await pool.end();
      setExitCode(0);
    });
};
