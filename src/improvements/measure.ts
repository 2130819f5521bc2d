import type { Queryable } from '../store/pool.ts';
import { getImprovement, improvementCounts } from '../store/improvements-repository.ts';
import { measureEffect, type EffectReport } from './effect.ts';

export const DEFAULT_WINDOW_DAYS = 28;

/** The effect of one stored improvement over the given windows; undefined when there is no such improvement. */
export async function improvementEffect(db: Queryable, id: number, beforeDays = DEFAULT_WINDOW_DAYS, afterDays = DEFAULT_WINDOW_DAYS): Promise<EffectReport | undefined> {
  const improvement = await getImprovement(db, id);
  if (!improvement) return undefined;
  const counts = await improvementCounts(db, id, beforeDays, afterDays);
  return measureEffect({ improvement: id, topic: improvement.topic, startDate: improvement.startDate, beforeDays, afterDays, ...counts });
}
