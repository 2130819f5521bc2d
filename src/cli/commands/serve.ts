import { InvalidArgumentError, type Command } from 'commander';
import { ConfigError } from '../../errors/index.ts';
import { openApp } from '../../app/app-context.ts';
import { listenDashboard, serveUntilSignal } from '../../server/listen.ts';
import { configOption } from '../config-flags.ts';
import type { DeclareCommand } from '../command.ts';

/** The environment variable holding the case API's bearer token. */
export const API_TOKEN_ENV = 'PAINPOINT_API_TOKEN';

/** `painpoint serve`: the case API (acknowledge, resolve, list alerts) until SIGTERM or SIGINT. */
export const declareServe: DeclareCommand = (program: Command, run) => {
  program
    .command('serve')
    .description(`Serve the dashboard (/, /heatmap, /topics/<id>, /cases, /queues, /api/…, /metrics) and the case API (POST /alerts/:id/ack|resolve, GET /alerts, GET /healthz); sign in with /?token=… or a bearer token (${API_TOKEN_ENV})`)
    .addOption(
      configOption('--port <n>', 'port', 'delivery.api.port').argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number');
        return n;
      }),
    )
    .addOption(configOption('--host <address>', 'address to listen on', 'delivery.api.host'))
    .action(async () => {
      const config = run.config();
      const token = process.env[API_TOKEN_ENV]?.trim();
      if (!token || token.length < 16) throw new ConfigError(`${API_TOKEN_ENV} must be set to a token of at least 16 characters`, { key: API_TOKEN_ENV });
      const app = await openApp(config, { start: true, poolSize: 4, applicationName: 'painpoint-serve' });
      try {
        // The queues page shows and retries jobs, so the dashboard opens the queues at once.
        const { pool, queues, logger } = await app.pipeline();
        const { server, url } = await listenDashboard(config, { pool, queues, logger, token });
        logger.info({ url }, 'dashboard and case API listening');
        process.stderr.write(`painpoint: case API on ${url} and dashboard at ${url}/ (sign in once with ${url}/?token=…; stop with Ctrl-C)\n`);
        await serveUntilSignal(server);
      } finally {
        await app.close();
      }
      run.setExitCode(0);
    });
};
