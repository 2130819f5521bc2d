import { parsePostedAt } from '../ingest/index.ts';
import { openRows } from '../sources/importers/index.ts';

const DAY = 86_400_000;

/** The latest (or earliest) posted_at in a file (also a chat session's turn times), as an epoch ms. */
export async function latestPostedAt(file: string, timeZone: string, which: 'latest' | 'earliest' = 'latest'): Promise<number | undefined> {
  let latest: number | undefined;
  const pickOne = which === 'latest' ? Math.max : Math.min;
  const see = (value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const r = parsePostedAt(value, timeZone);
    if (r.ok) latest = latest === undefined ? Date.parse(r.value) : pickOne(latest, Date.parse(r.value));
  };
  for await (const row of openRows(file)) {
    if ('error' in row) continue;
    see(row.fields.posted_at);
    const turns = row.fields.turns;
    if (Array.isArray(turns)) for (const t of turns) see((t as { at?: unknown }).at);
  }
  return latest;
}

/**
 * Whole days to add so that the latest of `instants` falls on yesterday (in the zone the dates are
 * read in): the samples then look like the last few weeks whenever the demo runs.
 */
export function daysToYesterday(latest: number, timeZone: string, now = Date.now()): number {
  const dayOf = (t: number) => {
    const s = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t));
    return Date.parse(`${s}T00:00:00Z`) / DAY;
  };
  return dayOf(now) - 1 - dayOf(latest);
}
