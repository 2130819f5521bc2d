import { describe, expect, it } from 'vitest';
import { sinceDate } from '../../../src/cli/commands/alerts.ts';
import { LANE_PRIORITY, laneOptions, laneStage, storeLane } from '../../../src/pipeline/lanes.ts';

describe('lanes', () => {
  it('critical before normal before bulk; bulk batches in queues of their own', () => {
    expect(LANE_PRIORITY.critical).toBeLessThan(LANE_PRIORITY.normal);
    expect(LANE_PRIORITY.normal).toBeLessThan(LANE_PRIORITY.bulk);
    expect(laneOptions(undefined)).toEqual({ priority: LANE_PRIORITY.normal });
    expect(laneStage('store', 'bulk')).toBe('store-bulk');
    expect(laneStage('store', 'critical')).toBe('store');
    expect(laneStage('ingest', undefined)).toBe('ingest');
  });

  it('a critical alert lifts a normal batch into the critical lane, never a bulk one out of its own', () => {
    expect(storeLane('normal', true)).toBe('critical');
    expect(storeLane(undefined, true)).toBe('critical');
    expect(storeLane('normal', false)).toBe('normal');
    expect(storeLane('bulk', true)).toBe('bulk');
  });
});

describe('alerts retry --since', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  it('takes dates, times and spans back, and refuses days not on the calendar', () => {
    expect(sinceDate('2026-11-01', now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(sinceDate('2026-11-01T08:00:00+08:00', now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(sinceDate('36h', now).toISOString()).toBe('2026-11-21T20:00:00.000Z');
    expect(sinceDate('7d', now).toISOString()).toBe('2026-11-16T08:00:00.000Z');
    expect(() => sinceDate('2026-02-30', now)).toThrow(/is not a date/);
    expect(() => sinceDate('yesterday', now)).toThrow(/is not a date/);
  });
});
