import type { Queryable } from '../../store/pool.ts';
import { listAlerts, type AlertListRow } from '../../store/alerts-repository.ts';
import { sqlFolder } from '../../store/sql-files.ts';
import { addDays } from '../calendar.ts';

const sql = sqlFolder('dashboard');

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export interface CaseFilter {
  rule?: string | undefined;
  severity?: string | undefined;
  status?: string | undefined;
  overdue: boolean;
}

export interface CaseRow extends AlertListRow {
  overdue: boolean;
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
}

export interface CasesModel {
  filter: CaseFilter;
  cases: CaseRow[];
  /** Rules seen among the listed alerts, for the filter. */
  rules: string[];
  sla: SlaRow[];
}

/** How many alerts the case list reads before filtering by severity and overdue. */
const LIST_LIMIT = 1000;

/** Overdue: not acknowledged (nor resolved) by its deadline. */
export function isOverdue(a: Pick<AlertListRow, 'acknowledgedAt' | 'resolvedAt' | 'dueAt'>, now = Date.now()): boolean {
  return !a.acknowledgedAt && !a.resolvedAt && new Date(a.dueAt).getTime() < now;
}

export async function loadCases(db: Queryable, filter: CaseFilter, today: string): Promise<CasesModel> {
  const [listed, sla] = await Promise.all([
    listAlerts(db, { status: filter.status, rule: filter.rule, limit: LIST_LIMIT }),
    db.query(sql('sla'), [addDays(today, -7 * 8)]),
  ]);
  const now = Date.now();
  const cases = listed
    .map((a) => ({ ...a, overdue: isOverdue(a, now) }))
    .filter((a) => (!filter.severity || a.severity === filter.severity) && (!filter.overdue || a.overdue));
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
      response_rate: r.response_rate === null ? null : Number(r.response_rate),
      closure_rate: r.closure_rate === null ? null : Number(r.closure_rate),
    })),
  };
}
