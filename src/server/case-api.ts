import http from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { acknowledge, resolve } from '../store/case-actions.ts';
import { compensationSchema } from '../cases/compensation.ts';
import { workingCalendar, type WorkingCalendar } from '../cases/working-calendar.ts';
import { DEFAULT_WORKING_HOURS } from '../domain/working-hours.ts';
import { dispatchResolutions } from '../delivery/resolutions.ts';
import { RootCauseNotFound } from '../errors/index.ts';
import type { Logger } from '../log/logger.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { getAlert, listAlerts } from '../store/alerts-repository.ts';
import { getCase } from '../store/cases-repository.ts';
import { bearerMatches, HttpError, readJsonBody, sendJson } from './http-io.ts';
import { ALERT_STATUSES } from '../domain/index.ts';

/**
 * The case API behind `painpoint serve`: CX staff (or their ticketing system) acknowledge and
 * resolve alerts, which is what alert_sla measures. Every route but /healthz needs the bearer token.
 *
 *   POST /alerts/:id/ack       {"note"?: string, "assignee"?: string}
 *   POST /alerts/:id/resolve   {"note": string, "assignee"?: string,
 *                               "compensation"?: {"kind": 免单|退一赔三|补发|券|退款|other, "amount": yuan},
 *                               "root_cause_id"?: number}
 *   GET  /alerts?status=&rule=&limit=
 *   GET  /alerts/:id           the case: assignee, compensation, root cause, recurrence, working hours
 *   GET  /healthz
 */

const assignee = z.string().trim().min(1).max(200);
const ackBody = z.object({ note: z.string().max(4000).optional(), assignee: assignee.optional() }).strict();
const resolveBody = z
  .object({
    note: z.string().trim().min(1, 'a resolution note is required').max(4000),
    assignee: assignee.optional(),
    compensation: compensationSchema.optional(),
    root_cause_id: z.number().int().positive().optional(),
  })
  .strict();
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
  /** Working calendar for the working hours a case took (config `delivery.workingHours`). */
  calendar?: WorkingCalendar;
  /** Where given, a resolution webhook is enqueued at once; otherwise the delivery sweep sends it. */
  pipeline?: PipelineContext;
}

function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new HttpError(400, `${what}${issue.path.length ? ` field "${issue.path.join('.')}"` : ''}: ${issue.message}`);
}

export function createCaseApi(options: CaseApiOptions): http.Server {
  const { pool, logger, token, pipeline } = options;
  const calendar = options.calendar ?? workingCalendar(DEFAULT_WORKING_HOURS);

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
    const single = /^\/alerts\/(\d{1,18})$/.exec(url.pathname);
    if (single && req.method === 'GET') {
      const found = await getCase(pool, Number(single[1]));
      if (!found) throw new HttpError(404, `no alert ${single[1]}`);
      return sendJson(res, 200, found);
    }
    const action = /^\/alerts\/(\d{1,18})\/(ack|resolve)$/.exec(url.pathname);
    if (action) {
      if (req.method !== 'POST') throw new HttpError(405, `${url.pathname} takes POST`);
      const id = Number(action[1]);
      const body = await readJsonBody(req);
      let done: boolean;
      if (action[2] === 'ack') {
        const input = parse(ackBody, body, 'body');
        done = await acknowledge(pool, calendar, id, { note: input.note ?? null, assignee: input.assignee ?? null });
      } else {
        const input = parse(resolveBody, body, 'body');
        done = await resolve(pool, calendar, id, { note: input.note, assignee: input.assignee, compensation: input.compensation, rootCauseId: input.root_cause_id });
        if (done && pipeline) {
          await dispatchResolutions(pipeline, [id]).catch((err: unknown) =>
            logger.warn({ alert: id, err: err instanceof Error ? err.message : String(err) }, 'resolution webhook deferred to the sweep'),
          );
        }
      }
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
      if (err instanceof RootCauseNotFound) return sendJson(res, 400, { error: `body field "root_cause_id": ${err.message}` });
      logger.error({ err: err instanceof Error ? err.message : String(err), path: req.url?.split('?')[0] }, 'case API error');
      sendJson(res, 500, { error: 'internal error' });
    });
  });
}
