import type { Scope } from '../domain/index.ts';
import type { Queryable } from './pool.ts';
import { namingRootCause } from './root-causes-repository.ts';
import { sqlFolder } from './sql-files.ts';

/** The improvements table, its before/after counts (improvement_counts) and the bi-weekly list. */

const sql = sqlFolder('improvements');

export const IMPROVEMENT_STATUSES = ['planned', 'active', 'done', 'abandoned'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

export interface NewImprovement {
  topic: string;
  action: string;
  owner?: string | undefined;
  /** YYYY-MM-DD: the first day the change applies. */
  startDate: string;
  pilot: Scope;
  control?: Scope | undefined;
  rootCauseId?: number | undefined;
  status?: ImprovementStatus | undefined;
  note?: string | undefined;
}

export interface Improvement extends Required<Pick<NewImprovement, 'topic' | 'action' | 'startDate' | 'pilot'>> {
  id: number;
  owner: string | null;
  control: Scope | null;
  rootCauseId: number | null;
  status: ImprovementStatus;
  note: string | null;
}

export interface ListedImprovement extends Improvement {
  /** From improvement_effect (4 weeks either side of the start). */
  effect: number | null;
  pValue: number | null;
  verdict: string | null;
  /** The effect's 95% interval, the smallest effect detectable at 80% power, and the test (the view's). */
  ci95: [number, number] | null;
  mde: number | null;
  test: string | null;
}

/** Throws RootCauseNotFound when the root cause does not exist. */
export async function addImprovement(db: Queryable, i: NewImprovement): Promise<number> {
  const params = [i.topic, i.action, i.owner ?? null, i.startDate, JSON.stringify(i.pilot), i.control ? JSON.stringify(i.control) : null, i.rootCauseId ?? null, i.status ?? null, i.note ?? null];
  return Number((await namingRootCause(i.rootCauseId, () => db.query(sql('insert'), params))).rows[0].id);
}

function toImprovement(r: Record<string, any>): Improvement {
  return {
    id: Number(r.id),
    topic: r.topic,
    action: r.action,
    owner: r.owner,
    startDate: r.start_date,
    pilot: r.pilot_scope,
    control: r.control_scope,
    rootCauseId: r.root_cause_id === null ? null : Number(r.root_cause_id),
    status: r.status,
    note: r.note,
  };
}

export async function getImprovement(db: Queryable, id: number): Promise<Improvement | undefined> {
  const r = (await db.query(sql('get'), [id])).rows[0];
  return r && toImprovement(r);
}

export async function listImprovements(db: Queryable, filter: { topic?: string | undefined; limit?: number } = {}): Promise<ListedImprovement[]> {
  const { rows } = await db.query(sql('list'), [filter.topic ?? null, filter.limit ?? 100]);
  return rows.map((r) => ({ ...toImprovement(r), effect: r.effect, pValue: r.p_value, verdict: r.verdict, ci95: r.ci95_low === null ? null : [r.ci95_low, r.ci95_high], mde: r.mde, test: r.test }));
}

export interface ArmCounts {
  before: { items: number; negative: number };
  after: { items: number; negative: number };
}

/** The pilot's (and control's, where the improvement has one) counts before and after its start. */
export async function improvementCounts(db: Queryable, id: number, beforeDays: number, afterDays: number): Promise<{ pilot: ArmCounts; control: ArmCounts | null }> {
  const { rows } = await db.query(sql('counts'), [id, beforeDays, afterDays]);
  const arm = (name: string): ArmCounts | null => {
    const of = (period: string) => rows.find((r) => r.arm === name && r.period === period);
    const before = of('before');
    const after = of('after');
    return before && after ? { before: { items: Number(before.items), negative: Number(before.negative) }, after: { items: Number(after.items), negative: Number(after.negative) } } : null;
  };
  return { pilot: arm('pilot') ?? { before: { items: 0, negative: 0 }, after: { items: 0, negative: 0 } }, control: arm('control') };
}

export interface BiweeklyRow {
  topic: string;
  negativeMentions: number;
  items: number;
  previousMentions: number;
  previousItems: number;
  negativeRate: number | null;
  severityWeight: number;
  trend: number;
  score: number;
  improvements: { id: number; action: string; status: string; verdict: string | null; effect: number | null }[];
}

/** The bi-weekly list up to `toDay` (YYYY-MM-DD), `days` long, days counted in `timeZone`. */
export async function biweeklyList(db: Queryable, toDay: string, days: number, timeZone: string): Promise<BiweeklyRow[]> {
  const { rows } = await db.query(sql('biweekly'), [toDay, days, timeZone]);
  return rows.map((r) => ({
    topic: r.topic,
    negativeMentions: Number(r.negative_mentions),
    items: Number(r.items),
    previousMentions: Number(r.prev_mentions),
    previousItems: Number(r.prev_items),
    negativeRate: r.negative_rate,
    severityWeight: Number(r.severity_weight),
    trend: r.trend,
    score: r.score,
    improvements: (r.improvements as any[]).map((i) => ({ id: Number(i.id), action: i.action, status: i.status, verdict: i.verdict, effect: i.effect === null ? null : Number(i.effect) })),
  }));
}
