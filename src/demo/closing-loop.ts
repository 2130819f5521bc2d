import type { Queryable } from '../store/pool.ts';
import { addDays } from '../domain/period.ts';
import { improvementEffect } from '../improvements/measure.ts';
import type { EffectReport } from '../improvements/effect.ts';
import { addImprovement, listImprovements } from '../store/improvements-repository.ts';
import { addRootCause, listRootCauses } from '../store/root-causes-repository.ts';

/**
 * The demo story's loop, recorded as a CX team would: the 5-Why chain the 华南 customers spell out
 * (包装破损 → 冷链温控不足 → 供应商包装标准低, a material problem: the cheaper foam-box supplier), and
 * the fix (加厚泡沫箱 and three ice packs for 华南 from 14 November, moved by the demo's date shift),
 * whose effect on the packaging complaint rate is then measured. Running the demo again adds nothing.
 */

export const DEMO_WHYS = ['包装破损', '冷链温控不足', '供应商包装标准低'];
export const DEMO_ACTION = '华南加厚泡沫箱，每箱三个冰袋';
const TOPIC = 'product.packaging';
/** The samples' fix date, before the demo moves the dates. */
const FIX_DATE = '2026-11-14';

export interface DemoLoop {
  rootCauseId: number;
  improvementId: number;
  effect: EffectReport;
}

export async function recordDemoLoop(db: Queryable, shiftDays: number): Promise<DemoLoop> {
  const startDate = addDays(FIX_DATE, shiftDays);
  const existingCause = (await listRootCauses(db, { topic: TOPIC })).find((r) => r.whys.join('→') === DEMO_WHYS.join('→'));
  const rootCauseId =
    existingCause?.id ??
    (await addRootCause(db, {
      topic: TOPIC,
      scope: { region: ['华南'] },
      whys: DEMO_WHYS,
      category: '料',
      owner: '供应链 王经理',
      note: '11月起换了更便宜的泡沫箱供应商：箱壁薄了一半，冰袋只有一个',
    }));
  const existing = (await listImprovements(db, { topic: TOPIC })).find((i) => i.action === DEMO_ACTION && i.startDate === startDate);
  const improvementId =
    existing?.id ?? (await addImprovement(db, { topic: TOPIC, action: DEMO_ACTION, owner: '供应链 王经理', startDate, pilot: { region: ['华南'] }, rootCauseId }));
  const effect = (await improvementEffect(db, improvementId))!;
  return { rootCauseId, improvementId, effect };
}
