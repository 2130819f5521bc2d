import http from 'node:http';
import type pg from 'pg';
import type { Registry } from 'prom-client';
import { overviewBody, loadOverview } from '../dashboard/overview.ts';
import { words } from '../dashboard/i18n.ts';
import { loadCases } from '../dashboard/read/cases.ts';
import { loadHeatmap } from '../dashboard/read/heatmap.ts';
import { hasImprovements, loadImprovements } from '../dashboard/read/improvements.ts';
import { loadQueues, retryFailed } from '../dashboard/read/queues.ts';
import { loadTopic } from '../dashboard/read/topic.ts';
import { casesView } from '../dashboard/views/cases-view.ts';
import { heatmapView } from '../dashboard/views/heatmap-view.ts';
import { improvementsView } from '../dashboard/views/improvements-view.ts';
import { layout, signInPage, type Section } from '../dashboard/views/layout.ts';
import { queuesView } from '../dashboard/views/queues-view.ts';
import type { RenderContext } from '../dashboard/views/render-context.ts';
import { topicView } from '../dashboard/views/topic-view.ts';
import { html, type Html } from '../dashboard/html.ts';
import type { Logger } from '../log/logger.ts';
import { databaseRegistry } from '../metrics/database-metrics.ts';
import { scrape } from '../metrics/endpoint.ts';
import { processRegistry } from '../metrics/registry.ts';
import type { QueueKit } from '../pipeline/context.ts';
import { STAGES, type Stage } from '../pipeline/queue-names.ts';
import { todayIn } from '../domain/period.ts';
import type { WorkingCalendar } from '../cases/working-calendar.ts';
import type { EstimateSettings } from '../scores/score-estimate.ts';
import { createCaseApi } from './case-api.ts';
import { casesQuery, heatmapQuery, langOf, overviewQuery, parseQuery, sliceOf, TOPIC_ID, topicQuery } from './dashboard-params.ts';
import { bearerMatches, HttpError, sendJson } from './http-io.ts';
import { cookies, sameSecret, SessionStore } from './session.ts';
import { staticAsset } from '../dashboard/asset-files.ts';

/**
 * `painpoint serve`: the dashboard pages, their JSON under /api, /metrics, and the case API
 * (/alerts…, /healthz), one node:http server. Pages are rendered here from the same read models
 * the /api routes return; acknowledging, resolving and retrying go through /api with the session's
 * CSRF token, and case actions are handed to the case API itself.
 */

export interface DashboardOptions {
  pool: pg.Pool;
  /** The queues (for /queues and queue depth in /metrics); absent: those parts say so. */
  queues?: QueueKit | undefined;
  logger: Logger;
  token: string;
  timeZone: string;
  queuePrefix: string;
  labels: ReadonlyMap<string, string>;
  /** Minimum answers, confidence and targets of the score tiles (config `scores` and `targets`). */
  scores: EstimateSettings;
  /** Working calendar for the working hours a case took (config `delivery.workingHours`). */
  calendar?: WorkingCalendar | undefined;
}

const LANG_COOKIE = 'pp_lang';

/** No inline script or style: the pages' script and style sheet are files of this server. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
}

function sendHtml(res: http.ServerResponse, status: number, page: Html): void {
  const body = page.value;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

export function createDashboardServer(options: DashboardOptions): http.Server {
  const { pool, queues, logger, token } = options;
  const sessions = new SessionStore();
  // The case API is used as it is: its routes are handed whole requests (it never listens itself).
  const caseApi = createCaseApi({ pool, logger, token, ...(options.calendar ? { calendar: options.calendar } : {}) });
  const metrics: Registry[] = [processRegistry, databaseRegistry(pool, queues, options.queuePrefix)];
  const forwardToCaseApi = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    caseApi.emit('request', req, res);
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/healthz' || path === '/alerts' || path.startsWith('/alerts/')) return forwardToCaseApi(req, res);
    securityHeaders(res);
    const asset = req.method === 'GET' ? staticAsset(path) : undefined;
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'content-length': asset.body.length, 'cache-control': 'private, max-age=3600' });
      return void res.end(asset.body);
    }

    const queryLang = url.searchParams.get('lang') ?? undefined;
    const lang = langOf(queryLang, cookies(req).get(LANG_COOKIE));
    if (queryLang && queryLang === lang) res.appendHeader('set-cookie', `${LANG_COOKIE}=${lang}; SameSite=Strict; Path=/; Max-Age=31536000`);

    // Sign-in: ?token= once, then the cookie. The URL with the token is never left in the address bar.
    const presented = url.searchParams.get('token');
    if (presented !== null && req.method === 'GET') {
      if (!sameSecret(presented, token)) return sendHtml(res, 401, signInPage(renderContext(lang, undefined, path), true));
      const { cookie } = sessions.open(req.headers['x-forwarded-proto'] === 'https');
      url.searchParams.delete('token');
      res.appendHeader('set-cookie', cookie);
      res.writeHead(303, { location: '/' + (path === '/' ? url.search : ''), 'cache-control': 'no-store' });
      return void res.end();
    }
    const sessionId = sessions.sessionOf(req);
    const bearer = bearerMatches(req.headers.authorization, token);
    const isApi = path.startsWith('/api/') || path === '/metrics';
    if (!sessionId && !bearer) {
      if (isApi) {
        res.setHeader('www-authenticate', 'Bearer');
        throw new HttpError(401, 'sign in first: a session cookie (open /?token=…) or a bearer token is required');
      }
      return sendHtml(res, 401, signInPage(renderContext(lang, undefined, path), false));
    }
    if (req.method === 'POST') {
      // A browser sends the cookie by itself, so a cookie-authenticated POST needs the page's token too.
      const csrf = req.headers['x-csrf-token'];
      if (!bearer && !(sessionId && sessions.csrfMatches(sessionId, typeof csrf === 'string' ? csrf : undefined))) throw new HttpError(403, 'a valid X-CSRF-Token header is required');
      return post(req, res, path);
    }
    if (req.method !== 'GET') throw new HttpError(405, `${path} takes GET`);
    if (path === '/metrics') {
      const { contentType, body } = await scrape(metrics);
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      return void res.end(body);
    }
    const ctx = renderContext(lang, sessionId ? sessions.csrfToken(sessionId) : undefined, path + url.search);
    if (!path.startsWith('/api/')) ctx.improvements = await hasImprovements(pool);
    const page = await read(url, ctx);
    if (!page) throw new HttpError(404, `no route GET ${path}`);
    if (page.json) return sendJson(res, 200, page.data);
    return sendHtml(res, 200, layout(ctx, { title: page.title, section: page.section, body: html`${page.body}`, assets: { kind: 'linked' } }));
  }

  function renderContext(lang: RenderContext['lang'], csrf: string | undefined, path: string): RenderContext {
    return { lang, w: words(lang), timeZone: options.timeZone, labels: options.labels, interactive: true, csrf, path };
  }

  type Read = { json: true; data: unknown } | { json: false; title: string; section: Section; body: Html | Html[] };

  /** A page (`/x`) or its data (`/api/x`), from one read model. */
  async function read(url: URL, ctx: RenderContext): Promise<Read | undefined> {
    const json = url.pathname.startsWith('/api/');
    const path = json ? url.pathname.slice(4) : url.pathname;
    const today = todayIn(options.timeZone);
    const answer = (title: string, section: Section, data: unknown, body: () => Html | Html[]): Read => (json ? { json, data } : { json, title, section, body: body() });
    if (path === '/' || path === '/overview') {
      const q = parseQuery(overviewQuery, url);
      const model = await loadOverview(pool, today, q.since, options.scores);
      return answer(ctx.w.overview, 'overview', model, () => overviewBody(ctx, model));
    }
    if (path === '/heatmap') {
      const q = parseQuery(heatmapQuery, url);
      const model = await loadHeatmap(pool, { today, polarity: q.polarity, grain: q.grain, span: q.span, slice: sliceOf(q) });
      return answer(ctx.w.heatmap, 'heatmap', model, () => heatmapView(ctx, model));
    }
    const topic = /^\/topics\/([^/]+)$/.exec(path);
    if (topic) {
      const id = decodeURIComponent(topic[1]!);
      if (!TOPIC_ID.test(id)) throw new HttpError(400, `"${id}" is not a topic id (e.g. delivery.cold_chain)`);
      const q = parseQuery(topicQuery, url);
      const model = await loadTopic(pool, {
        topic: id,
        today,
        grain: q.grain,
        polarity: q.polarity === 'all' ? null : q.polarity,
        slice: sliceOf(q),
        from: q.from,
        to: q.to,
        contains: q.q,
        page: q.page,
        timeZone: options.timeZone,
      });
      return answer(id, 'topic', model, () => topicView(ctx, model));
    }
    if (path === '/cases') {
      const q = parseQuery(casesQuery, url);
      const model = await loadCases(pool, { rule: q.rule, severity: q.severity, status: q.status, overdue: q.overdue !== undefined }, today);
      return answer(ctx.w.cases, 'cases', model, () => casesView(ctx, model));
    }
    if (path === '/improvements') {
      const model = await loadImprovements(pool);
      return answer(ctx.w.improvements, 'improvements', model, () => improvementsView(ctx, model));
    }
    if (path === '/queues') {
      if (!queues) throw new HttpError(503, 'the queues are not connected in this process');
      const model = await loadQueues(queues);
      return answer(ctx.w.queues, 'queues', model, () => queuesView(ctx, model));
    }
    return undefined;
  }

  async function post(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const action = /^\/api\/cases\/(\d{1,18})\/(ack|resolve)$/.exec(path);
    if (action) {
      // The case API validates the body and acts; the session stands in for its bearer token.
      req.url = `/alerts/${action[1]}/${action[2]}`;
      req.headers.authorization = `Bearer ${token}`;
      return forwardToCaseApi(req, res);
    }
    const retry = /^\/api\/queues\/([a-z]+)\/(?:jobs\/([^/]{1,200})\/)?retry$/.exec(path);
    if (retry) {
      if (!queues) throw new HttpError(503, 'the queues are not connected in this process');
      const stage = retry[1] as Stage;
      if (!(STAGES as readonly string[]).includes(stage)) throw new HttpError(404, `no queue ${stage}`);
      const retried = await retryFailed(queues, stage, retry[2] === undefined ? null : decodeURIComponent(retry[2]));
      if (retry[2] !== undefined && retried === 0) throw new HttpError(404, `no failed job ${retry[2]} in ${stage}`);
      logger.info({ queue: stage, job: retry[2] ?? 'all failed', retried }, 'jobs retried from the dashboard');
      return sendJson(res, 200, { retried });
    }
    throw new HttpError(404, `no route POST ${path}`);
  }

  /** A page's error as a page (a person reads it); the API's as JSON. */
  function sendError(req: http.IncomingMessage, res: http.ServerResponse, status: number, message: string): void {
    const path = req.url?.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path === '/metrics' || !(req.headers.accept ?? '').includes('text/html')) return sendJson(res, status, { error: message });
    const ctx = renderContext(langOf(undefined, cookies(req).get(LANG_COOKIE)), undefined, '/');
    sendHtml(res, status, layout(ctx, { title: String(status), section: null, assets: { kind: 'linked' }, body: html`<section class="card"><h1>${status}</h1><p class="error">${message}</p></section>` }));
  }

  return http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.end();
      if (err instanceof HttpError) return sendError(req, res, err.status, err.message);
      logger.error({ err: err instanceof Error ? err.message : String(err), path: req.url?.split('?')[0] }, 'dashboard error');
      sendError(req, res, 500, 'internal error');
    });
  });
}
