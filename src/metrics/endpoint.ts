import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { ConfigError } from '../errors/index.ts';
import { processRegistry } from './registry.ts';

/** The variable naming the port a worker serves its own /metrics on (unset: none). */
export const METRICS_PORT_ENV = 'PAINPOINT_METRICS_PORT';

/** The scrape response of a set of registries (Prometheus text format). */
export async function scrape(registries: readonly Registry[]): Promise<{ contentType: string; body: string }> {
  const merged = registries.length === 1 ? registries[0]! : Registry.merge([...registries]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

/** A worker's /metrics on its own port; undefined when PAINPOINT_METRICS_PORT is unset. */
export async function startMetricsEndpoint(env: NodeJS.ProcessEnv = process.env, host = '127.0.0.1'): Promise<http.Server | undefined> {
  const raw = env[METRICS_PORT_ENV]?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`expected a port number, got "${raw}"`, { key: METRICS_PORT_ENV });
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    scrape([processRegistry]).then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  server.unref();
  process.stderr.write(`painpoint: metrics on http://${host}:${(server.address() as AddressInfo).port}/metrics\n`);
  return server;
}
