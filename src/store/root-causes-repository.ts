import { RootCauseNotFound } from '../errors/index.ts';
import type { FishboneCategory } from '../root-causes/fishbone.ts';
import type { Scope } from '../domain/index.ts';
import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

/** The root_causes table: 5-Why chains on a topic, their fishbone category and owner. */

const sql = sqlFolder('root-causes');

export interface NewRootCause {
  topic: string;
  scope: Scope;
  /** The 5-Why chain, symptom first, root last. */
  whys: string[];
  category?: FishboneCategory | undefined;
  owner?: string | undefined;
  note?: string | undefined;
}

export interface RootCause extends NewRootCause {
  id: number;
  createdAt: Date;
  /** Cases resolved naming this root cause, and how many of them were repeats. */
  cases: number;
  recurred: number;
}

/**
 * Runs a write that names root cause `id` (a case's resolution, an improvement): where the foreign
 * key refuses it, the root cause does not exist, and the write throws RootCauseNotFound.
 */
export async function namingRootCause<T>(id: number | null | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: unknown; constraint?: unknown };
    if (id != null && e.code === '23503' && typeof e.constraint === 'string' && e.constraint.endsWith('_root_cause_id_fkey')) throw new RootCauseNotFound(id, err);
    throw err;
  }
}

export async function addRootCause(db: Queryable, r: NewRootCause): Promise<number> {
  const { rows } = await db.query(sql('insert'), [r.topic, JSON.stringify(r.scope), r.whys, r.category ?? null, r.owner ?? null, r.note ?? null]);
  return Number(rows[0].id);
}

export async function listRootCauses(db: Queryable, filter: { topic?: string | undefined; limit?: number } = {}): Promise<RootCause[]> {
  const { rows } = await db.query(sql('list'), [filter.topic ?? null, filter.limit ?? 100]);
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    scope: r.scope,
    whys: r.whys,
    category: r.category ?? undefined,
    owner: r.owner ?? undefined,
    note: r.note ?? undefined,
    createdAt: r.created_at,
    cases: Number(r.cases),
    recurred: Number(r.recurred),
  }));
}
