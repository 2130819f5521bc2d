import type { Queryable } from '../../store/pool.ts';
import { listImprovements, type ListedImprovement } from '../../store/improvements-repository.ts';
import { listRootCauses, type RootCause } from '../../store/root-causes-repository.ts';
import { sqlFolder } from '../../store/sql-files.ts';

const sql = sqlFolder('dashboard');

/** /improvements: the root causes (with their cases, from root_cause_cases) and the improvements with their verdicts (improvement_effect). */
export interface ImprovementsModel {
  rootCauses: RootCause[];
  improvements: ListedImprovement[];
}

export async function loadImprovements(db: Queryable): Promise<ImprovementsModel> {
  const [rootCauses, improvements] = await Promise.all([listRootCauses(db), listImprovements(db)]);
  return { rootCauses, improvements };
}

/** Whether the page has anything to show: the nav links it only then. */
export async function hasImprovements(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(sql('loop-exists'));
  return rows[0]?.present === true;
}
