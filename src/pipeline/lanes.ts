/**
 * Lanes: critical work goes first through every stage, bulk imports last. A lane is a BullMQ job
 * priority (both backends order waiting jobs by priority, then by arrival), so one worker serves
 * all lanes and no lane can starve a worker of work. Every job painpoint enqueues has a lane:
 * a job without a priority would run before all prioritized ones.
 */
export const LANES = ['critical', 'normal', 'bulk'] as const;
export type Lane = (typeof LANES)[number];

/** Lower runs first. */
export const LANE_PRIORITY: Readonly<Record<Lane, number>> = { critical: 1, normal: 10, bulk: 100 };

export function laneOptions(lane: Lane | undefined): { priority: number } {
  return { priority: LANE_PRIORITY[lane ?? 'normal'] };
}
