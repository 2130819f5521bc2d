import type { Severity } from '../nlp/types.ts';
import type { CompensationKind } from '../cases/compensation.ts';
import type { Queryable } from './pool.ts';
import { namingRootCause } from './root-causes-repository.ts';
import { sqlFolder } from './sql-files.ts';

/**
 * The alerts table as case handling sees it: who answers a case, what it was closed with, its root
 * cause, recurrence, working hours, and the resolution webhook's outbox. Delivery's side of the same
 * table is alerts-repository.ts. SQL in sql/cases/*.sql.
 */

const sql = sqlFolder('cases');

export interface CaseTimes {
  id: number;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export interface CaseRecord extends CaseTimes {
  rule: string;
  severity: Severity;
  keyword: string;
  evidence: string;
  status: string;
  dueAt: Date;
  assignee: string | null;
  acknowledgedNote: string | null;
  resolutionNote: string | null;
  compensation: { kind: CompensationKind; amount: number } | null;
  rootCauseId: number | null;
  recurred: boolean;
  recurrenceOf: number | null;
  ackWorkingHours: number | null;
  resolveWorkingHours: number | null;
  targets: string[] | null;
  feedback: { id: number; channel: string; source: string; url: string | null; text: string; postedAt: Date | null; author: string | null; orderId: string | null };
}

function times(r: Record<string, any>): CaseTimes {
  return { id: Number(r.id), createdAt: r.created_at, acknowledgedAt: r.acknowledged_at, resolvedAt: r.resolved_at };
}

/** Marks the cases among `ids` (and earlier-stored ones they precede) that repeat a complaint; returns those marked. */
export async function markRecurred(db: Queryable, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db.query(sql('mark-recurred'), [ids])).rows.map((r) => Number(r.id));
}

export async function acknowledgeCase(db: Queryable, id: number, input: { note?: string | null; assignee?: string | null }): Promise<CaseTimes | undefined> {
  const r = (await db.query(sql('acknowledge'), [id, input.note ?? null, input.assignee ?? null])).rows[0];
  return r && times(r);
}

export interface ResolveInput {
  note: string;
  compensation?: { kind: CompensationKind; amount: number } | undefined;
  rootCauseId?: number | undefined;
  assignee?: string | undefined;
  /** When it was resolved (default: now), for systems that report resolutions after the fact. */
  at?: Date | undefined;
}

/** Throws RootCauseNotFound when the root cause does not exist. */
export async function resolveCase(db: Queryable, id: number, input: ResolveInput): Promise<CaseTimes | undefined> {
  const params = [id, input.note, input.compensation?.kind ?? null, input.compensation?.amount ?? null, input.rootCauseId ?? null, input.assignee ?? null, input.at ?? null];
  const r = (await namingRootCause(input.rootCauseId, () => db.query(sql('resolve'), params))).rows[0];
  return r && times(r);
}

export async function setWorkingHours(db: Queryable, id: number, ackHours: number | null, resolveHours: number | null): Promise<void> {
  await db.query(sql('set-working-hours'), [id, ackHours, resolveHours]);
}

export async function getCases(db: Queryable, ids: readonly number[]): Promise<CaseRecord[]> {
  const { rows } = await db.query(sql('get-case'), [ids]);
  return rows.map((r) => ({
    ...times(r),
    rule: r.rule,
    severity: r.severity,
    keyword: r.keyword,
    evidence: r.evidence,
    status: r.status,
    dueAt: r.due_at,
    assignee: r.assignee,
    acknowledgedNote: r.acknowledged_note,
    resolutionNote: r.resolution_note,
    compensation: r.compensation_kind ? { kind: r.compensation_kind, amount: r.compensation_amount ?? 0 } : null,
    rootCauseId: r.root_cause_id === null ? null : Number(r.root_cause_id),
    recurred: r.recurred,
    recurrenceOf: r.recurrence_of === null ? null : Number(r.recurrence_of),
    ackWorkingHours: r.ack_working_hours,
    resolveWorkingHours: r.resolve_working_hours,
    targets: r.targets,
    feedback: { id: Number(r.feedback_id), channel: r.channel, source: r.source, url: r.url, text: r.text, postedAt: r.posted_at, author: r.author, orderId: r.order_id },
  }));
}

export async function getCase(db: Queryable, id: number): Promise<CaseRecord | undefined> {
  return (await getCases(db, [id]))[0];
}

/** Resolved cases whose resolution webhook is still owed (all, or among `ids`). */
export async function resolutionsOwed(db: Queryable, ids: readonly number[] | null, limit = 500): Promise<{ id: number; rule: string; severity: Severity; channel: string; source: string }[]> {
  const { rows } = await db.query(sql('resolutions-owed'), [ids, limit]);
  return rows.map((r) => ({ id: Number(r.id), rule: r.rule, severity: r.severity, channel: r.channel, source: r.source }));
}

export async function markResolutionDispatched(db: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.query(sql('mark-resolution-dispatched'), [ids]);
}

export interface RootCauseCases {
  rootCauseId: number;
  cases: number;
  recurred: number;
  compensationTotal: number;
}

export async function casesPerRootCause(db: Queryable, ids: readonly number[] | null = null): Promise<RootCauseCases[]> {
  const { rows } = await db.query(sql('cases-per-root-cause'), [ids]);
  return rows.map((r) => ({ rootCauseId: Number(r.root_cause_id), cases: Number(r.cases), recurred: Number(r.recurred), compensationTotal: r.compensation_total }));
}
