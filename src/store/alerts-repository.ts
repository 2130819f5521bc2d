import type { AlertView, OperationalView } from '../domain/index.ts';
import type { Severity } from '../nlp/types.ts';
import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

/**
 * The alerts table as delivery and case handling see it: routing (targets, storm digests), the
 * delivery log, status changes, case actions, and operational alerts. SQL in sql/alerts/*.sql.
 */

const sql = sqlFolder('alerts');

/** An alert as routing needs it. */
export interface AlertRoute {
  id: number;
  rule: string;
  severity: Severity;
  status: string;
  channel: string;
  source: string;
  dispatchedAt: Date | null;
  digestId: number | null;
  targets: string[] | null;
  retries: number;
  /** Endpoints that already accepted it on its own (not in a digest). */
  deliveredTo: string[];
}

/** Locks the alerts for routing (call inside a transaction). */
export async function lockForDispatch(db: Queryable, ids: readonly number[]): Promise<AlertRoute[]> {
  const { rows } = await db.query(sql('lock-for-dispatch'), [ids]);
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    severity: r.severity,
    status: r.status,
    channel: r.channel,
    source: r.source,
    dispatchedAt: r.dispatched_at,
    digestId: r.digest_id,
    targets: r.targets,
    retries: r.retries,
    deliveredTo: r.delivered_to ?? [],
  }));
}

/** Opens the storm window of (rule, source); null when one is open already. */
export async function openDigest(db: Queryable, w: { rule: string; source: string; openerId: number; windowSeconds: number }): Promise<{ id: number; closesAt: Date } | null> {
  const { rows } = await db.query(sql('open-digest'), [w.rule, w.source, w.openerId, w.windowSeconds]);
  return rows[0] ? { id: rows[0].id, closesAt: rows[0].closes_at } : null;
}

export async function findOpenDigest(db: Queryable, rule: string, source: string): Promise<number | null> {
  const { rows } = await db.query(sql('find-open-digest'), [rule, source]);
  return rows[0]?.id ?? null;
}

export async function markDispatched(db: Queryable, routes: readonly { id: number; targets: readonly string[]; digestId: number | null }[]): Promise<void> {
  if (routes.length === 0) return;
  await db.query(sql('mark-dispatched'), [routes.map((r) => r.id), routes.map((r) => r.targets.join(',')), routes.map((r) => r.digestId)]);
}

function toAlertView(r: Record<string, any>): AlertView {
  return {
    id: r.id,
    rule: r.rule,
    severity: r.severity,
    keyword: r.keyword,
    evidence: r.evidence,
    status: r.status,
    createdAt: r.created_at,
    dueAt: r.due_at,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    escalatedAt: r.escalated_at,
    resolutionNote: r.resolution_note,
    feedback: { id: r.feedback_id, channel: r.channel, source: r.source, url: r.url, text: r.text, postedAt: r.posted_at },
  };
}

export async function getAlerts(db: Queryable, ids: readonly number[]): Promise<AlertView[]> {
  const { rows } = await db.query(sql('get-alerts'), [ids]);
  return rows.map(toAlertView);
}

export async function getAlert(db: Queryable, id: number): Promise<AlertView | undefined> {
  return (await getAlerts(db, [id]))[0];
}

export interface DigestRow {
  id: number;
  rule: string;
  source: string;
  openedAt: Date;
  closesAt: Date;
  status: string;
  targets: string[] | null;
}

export async function getDigest(db: Queryable, id: number): Promise<DigestRow | undefined> {
  const { rows } = await db.query(sql('get-digest'), [id]);
  const r = rows[0];
  return r && { id: r.id, rule: r.rule, source: r.source, openedAt: r.opened_at, closesAt: r.closes_at, status: r.status, targets: r.targets };
}

export async function digestItems(db: Queryable, digestId: number): Promise<AlertView[]> {
  const { rows } = await db.query(sql('digest-items'), [digestId]);
  return getAlerts(db, rows.map((r) => r.id as number));
}

/** Stops a window taking alerts; false when it was closed already. */
export async function closeDigest(db: Queryable, id: number): Promise<boolean> {
  return (await db.query(sql('close-digest'), [id])).rowCount === 1;
}

/** Returns the digest's status after: `empty` when nothing (or nobody) is left to send. */
export async function setDigestTargets(db: Queryable, id: number, targets: readonly string[], itemCount: number): Promise<string> {
  const { rows } = await db.query(sql('set-digest-targets'), [id, targets, itemCount]);
  return rows[0]?.status ?? 'empty';
}

export async function digestDeliveredTo(db: Queryable, id: number): Promise<string[]> {
  return (await db.query(sql('digest-delivered-to'), [id])).rows.map((r) => r.endpoint as string);
}

export type DeliveryKind = 'alert' | 'digest' | 'escalation' | 'operational' | 'resolution';

export interface DeliveryAttempt {
  kind: DeliveryKind;
  /** The alert (alert, escalation), digest or operational alert id. */
  subjectId: number;
  endpoint: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
}

export async function recordDelivery(db: Queryable, a: DeliveryAttempt): Promise<void> {
  const alertId = a.kind === 'alert' || a.kind === 'escalation' || a.kind === 'resolution' ? a.subjectId : null;
  const digestId = a.kind === 'digest' ? a.subjectId : null;
  const opId = a.kind === 'operational' ? a.subjectId : null;
  await db.query(sql('record-delivery'), [a.kind, alertId, digestId, opId, a.endpoint, a.attempt, a.ok, a.statusCode, a.error?.slice(0, 1000) ?? null, a.durationMs]);
}

/** Marks the subject delivered once every endpoint it went to has accepted it. */
export async function completeDelivery(db: Queryable, kind: DeliveryKind, id: number): Promise<void> {
  if (kind === 'alert') await db.query(sql('complete-alert'), [id]);
  else if (kind === 'digest') await db.query(sql('complete-digest'), [id]);
  else if (kind === 'operational') await db.query(sql('complete-operational'), [id]);
}

/** An endpoint gave up on the subject: it is `failed` (an escalation changes no status). */
export async function failDelivery(db: Queryable, kind: DeliveryKind, id: number): Promise<void> {
  if (kind === 'alert') await db.query(sql('fail-alert'), [[id]]);
  else if (kind === 'digest') await db.query(sql('fail-digest'), [id]);
  else if (kind === 'operational') await db.query(sql('fail-operational'), [id]);
}

export interface SweepWindow {
  graceSeconds: number;
  /** When the deployment's routes last changed: unrouted alerts routed before then are routed again. */
  routesChangedAt: Date | null;
  /** Unrouted alerts about items posted longer ago are left for `alerts retry --unrouted` (0: none are). */
  maxAgeHours: number;
}

export async function sweepAlerts(db: Queryable, w: SweepWindow, limit = 1000): Promise<number[]> {
  return (await db.query(sql('sweep-alerts'), [w.graceSeconds, limit, w.routesChangedAt, w.maxAgeHours])).rows.map((r) => r.id as number);
}

export async function sweepDigests(db: Queryable, graceSeconds: number, limit = 1000): Promise<{ id: number; status: string }[]> {
  return (await db.query(sql('sweep-digests'), [graceSeconds, limit])).rows.map((r) => ({ id: r.id, status: r.status }));
}

export interface OverdueAlert {
  id: number;
  rule: string;
  severity: Severity;
  channel: string;
  source: string;
}

/** Claims up to `limit` overdue unacknowledged alerts for escalation (each only ever once). */
export async function claimOverdue(db: Queryable, limit = 500): Promise<OverdueAlert[]> {
  return (await db.query(sql('claim-overdue'), [limit])).rows as OverdueAlert[];
}

export async function acknowledgeAlert(db: Queryable, id: number, note: string | null): Promise<boolean> {
  return (await db.query(sql('acknowledge'), [id, note])).rowCount === 1;
}

export async function resolveAlert(db: Queryable, id: number, note: string): Promise<boolean> {
  return (await db.query(sql('resolve'), [id, note])).rowCount === 1;
}

export interface AlertListRow {
  id: number;
  rule: string;
  severity: Severity;
  keyword: string;
  status: string;
  source: string;
  channel: string;
  evidence: string;
  createdAt: Date;
  dueAt: Date;
  deliveredAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  escalatedAt: Date | null;
  targets: string[] | null;
  digestId: number | null;
  attempts: number;
  lastEndpoint: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
}

export async function listAlerts(db: Queryable, filter: { status?: string | undefined; rule?: string | undefined; limit?: number }): Promise<AlertListRow[]> {
  const { rows } = await db.query(sql('list'), [filter.status ?? null, filter.rule ?? null, filter.limit ?? 100]);
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    severity: r.severity,
    keyword: r.keyword,
    status: r.status,
    source: r.source,
    channel: r.channel,
    evidence: r.evidence,
    createdAt: r.created_at,
    dueAt: r.due_at,
    deliveredAt: r.delivered_at,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    escalatedAt: r.escalated_at,
    targets: r.targets,
    digestId: r.digest_id,
    attempts: r.attempts,
    lastEndpoint: r.last_endpoint,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
  }));
}

/** Statuses `alerts retry` takes back to pending. */
export const RETRYABLE_STATUSES = ['failed', 'stale', 'unrouted'] as const;
export type RetryableStatus = (typeof RETRYABLE_STATUSES)[number];

export interface RetrySelection {
  ids: readonly number[];
  /** Every alert of `statuses`, not only those named. */
  all: boolean;
  statuses: readonly RetryableStatus[];
  /** Only alerts about items posted since then. */
  since?: Date | undefined;
}

/** Alerts of the given statuses (those named, or all) back to pending; returns their ids. */
export async function prepareRetry(db: Queryable, w: RetrySelection): Promise<number[]> {
  return (await db.query(sql('prepare-retry'), [w.ids, w.all, w.statuses, w.since ?? null])).rows.map((r) => r.id as number);
}

/** How many alerts have each status (every status, zero ones left out). */
export async function statusCounts(db: Queryable): Promise<Record<string, number>> {
  return Object.fromEntries((await db.query(sql('status-counts'))).rows.map((r) => [r.status, r.n]));
}

/** Records an operational alert; `created` is false when it repeats one raised within the window. */
export async function raiseOperational(db: Queryable, op: { kind: string; source: string; severity: Severity; detail: string; windowSeconds: number }): Promise<{ id: number; created: boolean }> {
  const { rows } = await db.query(sql('raise-operational'), [op.kind, op.source, op.severity, op.detail, op.windowSeconds]);
  return { id: rows[0].id, created: rows[0].created };
}

export async function sweepOperational(db: Queryable, graceSeconds: number, limit = 200): Promise<{ id: number; source: string; targets: string[] | null; deliveredTo: string[] }[]> {
  const { rows } = await db.query(sql('sweep-operational'), [graceSeconds, limit]);
  return rows.map((r) => ({ id: r.id, source: r.source, targets: r.targets, deliveredTo: r.delivered_to ?? [] }));
}

export async function setOperationalTargets(db: Queryable, id: number, targets: readonly string[]): Promise<void> {
  await db.query(sql('set-operational-targets'), [id, targets]);
}

export async function getOperational(db: Queryable, id: number): Promise<(OperationalView & { status: string; targets: string[] | null }) | undefined> {
  const r = (await db.query(sql('get-operational'), [id])).rows[0];
  return r && { id: r.id, kind: r.kind, source: r.source, severity: r.severity, detail: r.detail, createdAt: r.created_at, status: r.status, targets: r.targets };
}
