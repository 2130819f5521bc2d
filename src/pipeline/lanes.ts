import type { Stage } from './queue-names.ts';

/**
 * Lanes: critical work goes first through every stage, bulk imports last. `critical` and `normal`
 * share each stage's queue as BullMQ job priorities (both backends order waiting jobs by priority,
 * then by arrival): a critical job is the next one any free slot takes. `bulk` batches (an import's
 * second batch on) have queues and workers of their own (`<stage>-bulk`): the store statement of a
 * 2,000-item bulk batch can hold its slot for many seconds under load, and a critical review must
 * not wait for one to end. Every job painpoint enqueues has a priority: a job without one would run
 * before all prioritized ones.
 */
export const LANES = ['critical', 'normal', 'bulk'] as const;
export type Lane = (typeof LANES)[number];

/** Lower runs first. */
export const LANE_PRIORITY: Readonly<Record<Lane, number>> = { critical: 1, normal: 10, bulk: 100 };

export function laneOptions(lane: Lane | undefined): { priority: number } {
  return { priority: LANE_PRIORITY[lane ?? 'normal'] };
}

/** The stages a batch of reviews goes through: ingest (with the analysis), then the store. */
export const BATCH_STAGES = ['ingest', 'store'] as const;
export type BatchStage = (typeof BATCH_STAGES)[number];

/** The queue a batch of this lane waits in at this stage. */
export function laneStage(stage: BatchStage, lane: Lane | undefined): Stage {
  return lane === 'bulk' ? `${stage}-bulk` : stage;
}

/** Every queue batches wait in: each batch stage in its shared and its bulk lane. */
export const BATCH_QUEUES: readonly Stage[] = BATCH_STAGES.flatMap((stage) => [stage, laneStage(stage, 'bulk')]);

/**
 * A batch's lane at the store: a critical alert lifts a normal batch into the critical lane; a bulk
 * batch stays in its own (its critical alerts are still delivered in the critical lane).
 */
export function storeLane(lane: Lane | undefined, hasCritical: boolean): Lane {
  if (lane === 'bulk') return 'bulk';
  return hasCritical ? 'critical' : (lane ?? 'normal');
}
