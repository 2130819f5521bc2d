import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/logger.ts';
import type { QueueKit } from '../pipeline/context.ts';
import { topicLabels } from '../report/topic-labels.ts';
import { workingCalendar } from '../cases/working-calendar.ts';
import { createDashboardServer } from './dashboard-server.ts';

/** The dashboard and case API listening: for `painpoint serve` and `painpoint demo --serve`. */
export async function listenDashboard(
  config: Readonly<Config>,
  deps: { pool: pg.Pool; queues?: QueueKit | undefined; logger: Logger; token: string },
  at: { host?: string | undefined; port?: number | undefined } = {},
): Promise<{ server: http.Server; url: string }> {
  const server = createDashboardServer({
    ...deps,
    timeZone: config.pipeline.timeZone,
    queuePrefix: config.pipeline.queuePrefix,
    labels: topicLabels(config),
    scores: { scores: config.scores, targets: config.targets },
    calendar: workingCalendar(config.delivery.workingHours),
  });
  const host = at.host ?? config.delivery.api.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port ?? config.delivery.api.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
}

/** Resolves at SIGTERM or SIGINT, after the server has closed. */
export function serveUntilSignal(server: http.Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
