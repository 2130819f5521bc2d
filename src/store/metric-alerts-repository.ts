import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

const sql = sqlFolder('metric-alerts');

export type MetricAlertStatus = 'pending' | 'delivered' | 'failed' | 'suppressed' | 'unrouted';

export interface NewMetricAlert {
  monitor: string;
  kind: string;
  metric: string;
  topic: string;
  scope: Record<string, string>;
  windowFrom: string;
  windowTo: string;
  value: number | null;
  baseline: number | null;
  pValue: number | null;
  n: number;
  detail: Record<string, unknown>;
}

/** A finding as metric_alerts holds it. */
export interface MetricAlertRow extends NewMetricAlert {
  id: number;
  status: MetricAlertStatus;
  targets: string[] | null;
  deliveredTo: string[];
  attempts: number;
  createdAt: Date;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function fromRow(r: Record<string, unknown>): MetricAlertRow {
  return {
    id: Number(r.id),
    monitor: String(r.monitor),
    kind: String(r.kind),
    metric: String(r.metric),
    topic: String(r.topic),
    scope: r.scope as Record<string, string>,
    windowFrom: String(r.window_from),
    windowTo: String(r.window_to),
    value: num(r.value),
    baseline: num(r.baseline),
    pValue: num(r.p_value),
    n: Number(r.n),
    detail: (r.detail as Record<string, unknown>) ?? {},
    status: r.status as MetricAlertStatus,
    targets: (r.targets as string[] | null) ?? null,
    deliveredTo: (r.delivered_to as string[] | null) ?? [],
    attempts: Number(r.attempts ?? 0),
    createdAt: r.created_at as Date,
  };
}

/** Records a finding; returns its id when new, undefined when this window was raised before. */
export async function saveMetricAlert(db: Queryable, a: NewMetricAlert): Promise<number | undefined> {
  const { rows } = await db.query<{ id: string }>(sql('save'), [
    a.monitor, a.kind, a.metric, a.topic, JSON.stringify(a.scope), a.windowFrom, a.windowTo, a.value, a.baseline, a.pValue, a.n, JSON.stringify(a.detail),
  ]);
  return rows[0] ? Number(rows[0].id) : undefined;
}

/** Whether the same monitor, topic and scope went out (or is going out) within the cool-down. */
export async function sentWithin(db: Queryable, a: Pick<NewMetricAlert, 'monitor' | 'topic' | 'scope'>, cooldownMs: number, exceptId: number): Promise<boolean> {
  const { rows } = await db.query<{ sent: boolean }>(sql('recently-sent'), [a.monitor, a.topic, JSON.stringify(a.scope), cooldownMs, exceptId]);
  return rows[0]?.sent === true;
}

export async function routeMetricAlert(db: Queryable, id: number, targets: readonly string[], status: MetricAlertStatus): Promise<void> {
  await db.query(sql('route'), [id, targets, status]);
}

export async function getMetricAlert(db: Queryable, id: number): Promise<MetricAlertRow | undefined> {
  const { rows } = await db.query(sql('get'), [id]);
  return rows[0] ? fromRow(rows[0] as Record<string, unknown>) : undefined;
}

export async function markMetricDelivered(db: Queryable, id: number, endpoint: string): Promise<void> {
  await db.query(sql('delivered'), [id, endpoint]);
}

export async function markMetricAttemptFailed(db: Queryable, id: number, error: string, last: boolean): Promise<void> {
  await db.query(sql('attempt-failed'), [id, error, last]);
}

/** Pending findings still owed to endpoints, older than `graceSeconds`. */
export async function unsentMetricAlerts(db: Queryable, graceSeconds: number): Promise<{ id: number; endpoints: string[] }[]> {
  const { rows } = await db.query<{ id: string; endpoints: string[] }>(sql('unsent'), [graceSeconds]);
  return rows.map((r) => ({ id: Number(r.id), endpoints: r.endpoints }));
}

export async function listMetricAlerts(db: Queryable, limit: number): Promise<MetricAlertRow[]> {
  const { rows } = await db.query(sql('list'), [limit]);
  return rows.map((r) => fromRow(r as Record<string, unknown>));
}
