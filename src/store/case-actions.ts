import type pg from 'pg';
import * as cases from './cases-repository.ts';
import { withTransaction } from './pool.ts';
import type { WorkingCalendar } from '../cases/working-calendar.ts';

/**
 * What CX staff do to a case (acknowledge, resolve), with the working hours it took measured on the
 * working calendar at the moment it happens: a case opened Friday 16:00 before a holiday and closed
 * Tuesday 10:00 took 3 working hours, not 90 calendar ones.
 */

const HOUR = 3_600_000;

function workingHours(calendar: WorkingCalendar, from: Date, to: Date | null): number | null {
  return to ? Math.round((calendar.workingMsBetween(from, to) / HOUR) * 1000) / 1000 : null;
}


/** false when there is no such case. */
export async function acknowledge(pool: pg.Pool, calendar: WorkingCalendar, id: number, input: { note?: string | null; assignee?: string | null }): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const t = await cases.acknowledgeCase(client, id, input);
    if (!t) return false;
    await cases.setWorkingHours(client, id, workingHours(calendar, t.createdAt, t.acknowledgedAt), workingHours(calendar, t.createdAt, t.resolvedAt));
    return true;
  });
}

/** false when there is no such case; RootCauseNotFound when that root cause does not exist. */
export async function resolve(pool: pg.Pool, calendar: WorkingCalendar, id: number, input: cases.ResolveInput): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const t = await cases.resolveCase(client, id, input);
    if (!t) return false;
    await cases.setWorkingHours(client, id, workingHours(calendar, t.createdAt, t.acknowledgedAt), workingHours(calendar, t.createdAt, t.resolvedAt));
    return true;
  });
}
