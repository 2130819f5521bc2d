import http from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from '../store/alerts-repository.ts';
import { bearerMatches, HttpError, readJsonBody, sendJson } from './http-io.ts';

/**
 * The case API behind `painpoint serve`: CX staff (or their ticketing system) acknowledge and
 * resolve alerts, which is what alert_sla measures. Every route but /healthz needs the bearer token.
 *
 *   POST /alerts/:id/ack       {"note"?: string}
 *   POST /alerts/:id/resolve   {"note": string}
 *   GET  /alerts?status=&rule=&limit=
 *   GET  /healthz
 */

export const ALERT_STATUSES = ['pending', 'delivered', 'failed', 'acknowledged', 'resolved', 'stale', 'unrouted'] as const;

const ackBody = z.object({ note: z.string().max(4000).optional() }).strict();
const resolveBody = z.object({ note: z.string().trim().min(1, 'a resolution note is required').max(4000) }).strict();
const listQuery = z
  .object({
    status: z.enum(ALERT_STATUSES).optional(),
    rule: z.string().regex(/^[a-z0-9_]+$/).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export interface CaseApiOptions {
  pool: pg.Pool;
  logger: Logger;
  /** The bearer token every request but /healthz must present. */
  token: string;
}

function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new HttpError(400, `${what}${issue.path.length ? ` field "${issue.path.join('.')}"` : ''}: ${issue.message}`);
}

export function createCaseApi(options: CaseApiOptions): http.Server {
  const { pool, logger, token } = options;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      await pool.query('SELECT 1');
      return sendJson(res, 200, { ok: true });
    }
    if (!bearerMatches(req.headers.authorization, token)) {
      res.setHeader('www-authenticate', 'Bearer');
      throw new HttpError(401, 'a valid bearer token is required');
    }
    if (req.method === 'GET' && url.pathname === '/alerts') {
      const q = parse(listQuery, Object.fromEntries(url.searchParams), 'query');
      return sendJson(res, 200, { alerts: await listAlerts(pool, q) });
    }
    const action = /^\/alerts\/(\d{1,18})\/(ack|resolve)$/.exec(url.pathname);
    if (action) {
      if (req.method !== 'POST') throw new HttpError(405, `${url.pathname} takes POST`);
      const id = Number(action[1]);
      const body = await readJsonBody(req);
      const done =
        action[2] === 'ack'
          ? await acknowledgeAlert(pool, id, parse(ackBody, body, 'body').note ?? null)
          : await resolveAlert(pool, id, parse(resolveBody, body, 'body').note);
      if (!done) throw new HttpError(404, `no alert ${id}`);
      const alert = await getAlert(pool, id);
      logger.info({ alert: id, action: action[2] }, 'case updated');
      return sendJson(res, 200, { id, status: alert?.status, acknowledged_at: alert?.acknowledgedAt, resolved_at: alert?.resolvedAt });
    }
    throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
  }

  return http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      logger.error({ err: err instanceof Error ? err.message : String(err), path: req.url?.split('?')[0] }, 'case API error');
      sendJson(res, 500, { error: 'internal error' });
    });
  });
}
