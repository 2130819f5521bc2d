import type { Queryable } from '../../store/pool.ts';
import type { CompensationKind } from '../../cases/compensation.ts';
import { listAlerts, type AlertListRow } from '../../store/alerts-repository.ts';
import { listRootCauses, type RootCause } from '../../store/root-causes-repository.ts';
import { sqlFolder } from '../../store/sql-files.ts';
import { addDays } from '../../domain/period.ts';
import { SEVERITIES as SEVERITY_ORDER, type Severity } from '../../nlp/types.ts';

const sql = sqlFolder('dashboard');

/** Most urgent first, as the queue lists them. */
export const SEVERITIES: readonly Severity[] = [...SEVERITY_ORDER].reverse();

export interface CaseFilter {
  rule?: string | undefined;
  severity?: string | undefined;
  status?: string | undefined;
  overdue: boolean;
}

export interface CaseRow extends AlertListRow {
  overdue: boolean;
  assignee: string | null;
  compensation: { kind: CompensationKind; amount: number } | null;
  rootCauseId: number | null;
  /** Repeats an earlier complaint of the same author or order about the same topic. */
  recurred: boolean;
}

export interface SlaRow {
  rule: string;
  week: string;
  iso_week: string;
  alerts: number;
  acknowledged: number;
  acknowledged_in_time: number;
  resolved: number;
  escalated: number;
  response_rate: number | null;
  closure_rate: number | null;
  ack_seconds_p50: number | null;
  resolve_seconds_p50: number | null;
  answered_within_deadline_rate: number | null;
  compensated: number;
  compensation_total: number;
  recurred: number;
  recurrence_rate: number | null;
}

export interface CasesModel {
  filter: CaseFilter;
  cases: CaseRow[];
  /** Rules seen among the listed alerts, for the filter. */
  rules: string[];
  sla: SlaRow[];
  /** What a case can be resolved naming (the root-cause picker). */
  rootCauses: RootCause[];
}

/** How many alerts the case list reads before filtering by severity and overdue. */
const LIST_LIMIT = 1000;

/** Overdue: not acknowledged (nor resolved) by its deadline. */
export function isOverdue(a: Pick<AlertListRow, 'acknowledgedAt' | 'resolvedAt' | 'dueAt'>, now = Date.now()): boolean {
  return !a.acknowledgedAt && !a.resolvedAt && new Date(a.dueAt).getTime() < now;
}

export async function loadCases(db: Queryable, filter: CaseFilter, today: string): Promise<CasesModel> {
  const [listed, sla, rootCauses] = await Promise.all([
    listAlerts(db, { status: filter.status, rule: filter.rule, limit: LIST_LIMIT }),
    db.query(sql('sla'), [addDays(today, -7 * 8)]),
    listRootCauses(db),
  ]);
  const now = Date.now();
  const shown = listed
    .map((a) => ({ ...a, overdue: isOverdue(a, now) }))
    .filter((a) => (!filter.severity || a.severity === filter.severity) && (!filter.overdue || a.overdue));
  const handling = new Map<number, Record<string, unknown>>();
  if (shown.length > 0) for (const r of (await db.query(sql('case-handling'), [shown.map((a) => a.id)])).rows) handling.set(Number(r.id), r);
  const cases: CaseRow[] = shown.map((a) => {
    const h = handling.get(Number(a.id)) ?? {};
    return {
      ...a,
      assignee: (h.assignee as string | null) ?? null,
      compensation: h.compensation_kind ? { kind: h.compensation_kind as CompensationKind, amount: Number(h.compensation_amount ?? 0) } : null,
      rootCauseId: h.root_cause_id === null || h.root_cause_id === undefined ? null : Number(h.root_cause_id),
      recurred: h.recurred === true,
    };
  });
  const rate = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    filter,
    cases,
    rules: [...new Set(listed.map((a) => a.rule))].sort(),
    sla: sla.rows.map((r) => ({
      ...r,
      alerts: Number(r.alerts),
      acknowledged: Number(r.acknowledged),
      acknowledged_in_time: Number(r.acknowledged_in_time),
      resolved: Number(r.resolved),
      escalated: Number(r.escalated),
      response_rate: rate(r.response_rate),
      closure_rate: rate(r.closure_rate),
      answered_within_deadline_rate: rate(r.answered_within_deadline_rate),
      compensated: Number(r.compensated),
      compensation_total: Number(r.compensation_total),
      recurred: Number(r.recurred),
      recurrence_rate: rate(r.recurrence_rate),
    })),
    rootCauses,
  };
}
