import type pg from 'pg';
import type { Analysis } from '../nlp/types.ts';
import type { IngestedItem } from '../ingest/ingest-record.ts';
import { sqlFolder } from './sql-files.ts';

const sql = sqlFolder('feedback');

/** One item ready to store: what ingest made of a record, plus its analysis. */
export interface AnalyzedFeedback extends Omit<IngestedItem, 'meta'> {
  meta?: Record<string, unknown> | undefined;
  /** The import or crawl run that brings it. */
  importId?: string | undefined;
  analysis: Analysis;
}

export interface SaveOptions {
  /** Hours from now to an alert's response deadline, per severity (config `delivery.deadlineHours`). */
  deadlineHours?: Readonly<Record<'critical' | 'high' | 'medium' | 'low', number>> | undefined;
  /** Zone in which posted_at becomes the tally day (config `pipeline.timeZone`). */
  timeZone?: string | undefined;
  /** Alerts about items posted longer ago are stored `stale` (config `delivery.maxAgeHours`; 0: never). */
  maxAgeHours?: number | undefined;
}

export interface SaveResult {
  /** Items new to the database (their aspects, tallies and alerts were written). */
  stored: number;
  /** Items already stored (a re-import, a retried job) or repeated within the batch. */
  duplicates: number;
  /** Pending alerts created, for delivery. */
  alertIds: number[];
  /** Alerts created `stale` (about old items): kept, not sent. */
  staleAlerts: number;
}

export const DEFAULT_DEADLINE_HOURS = { critical: 1, high: 4, medium: 24, low: 24 } as const;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Serialization failures and deadlocks are retried here: the statement is safe to run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/**
 * Stores a batch in one transaction: feedback rows (unique on source + external id), and for the
 * rows actually inserted, their aspects, pain-point tally and daily increments and pending alerts.
 * A duplicated, retried or concurrent batch therefore never counts anything twice. One statement
 * per batch, whatever its size.
 */
export async function saveAnalyzedBatch(pool: pg.Pool, items: readonly AnalyzedFeedback[], options: SaveOptions = {}): Promise<SaveResult> {
  if (items.length === 0) return { stored: 0, duplicates: 0, alertIds: [], staleAlerts: 0 };
  const params = [...batchColumns(items), options.timeZone ?? DEFAULT_TIME_ZONE, JSON.stringify(options.deadlineHours ?? DEFAULT_DEADLINE_HOURS), options.maxAgeHours ?? 0];
  for (let attempt = 1; ; attempt++) {
    try {
      // A single statement is its own transaction: all of it commits, or none of it.
      const { rows: result } = await pool.query<{ stored: number; alert_ids: string[]; stale_alerts: number }>(sql('save-analyzed-batch'), params);
      const r = result[0]!;
      return { stored: r.stored, duplicates: items.length - r.stored, alertIds: r.alert_ids.map(Number), staleAlerts: r.stale_alerts };
    } catch (err) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
    }
  }
}

/**
 * The batch as the parallel arrays save-analyzed-batch.sql unnests: 17 item columns, 4 aspect
 * columns and 5 alert columns, aspects and alerts pointing at their item by position.
 */
function batchColumns(items: readonly AnalyzedFeedback[]): unknown[][] {
  const item: unknown[][] = Array.from({ length: 17 }, () => new Array<unknown>(items.length));
  const aspect: unknown[][] = Array.from({ length: 4 }, () => []);
  const alert: unknown[][] = Array.from({ length: 5 }, () => []);
  // Written column by column in place: this runs for every item of every batch, so no row array
  // or closure is made per item.
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    item[0]![i] = i;
    item[1]![i] = it.channel;
    item[2]![i] = it.source;
    item[3]![i] = it.externalId;
    item[4]![i] = it.contentHash;
    item[5]![i] = it.text;
    item[6]![i] = it.author ?? null;
    item[7]![i] = it.rating ?? null;
    item[8]![i] = it.postedAt ?? null;
    item[9]![i] = it.url ?? null;
    item[10]![i] = it.region || null;
    item[11]![i] = it.segment || null;
    item[12]![i] = it.orderId ?? null;
    item[13]![i] = JSON.stringify(it.meta ?? {});
    item[14]![i] = it.analysis.sentiment.label;
    item[15]![i] = it.analysis.sentiment.score;
    item[16]![i] = it.importId ?? null;
    for (const a of it.analysis.aspects) {
      aspect[0]!.push(i);
      aspect[1]!.push(a.topic);
      aspect[2]!.push(a.polarity);
      aspect[3]!.push(a.evidence);
    }
    for (const a of it.analysis.alerts) {
      alert[0]!.push(i);
      alert[1]!.push(a.rule);
      alert[2]!.push(a.severity);
      alert[3]!.push(a.keyword);
      alert[4]!.push(a.evidence);
    }
  }
  return [...item, ...aspect, ...alert];
}

/**
 * Which of these external ids of a source are stored already: ingest leaves them out, so a
 * re-import or a re-crawl is not analysed again. Only a shortcut: the store's unique key is what
 * keeps an item from counting twice.
 */
export async function storedExternalIds(pool: Pick<pg.Pool, 'query'>, source: string, externalIds: readonly string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const { rows } = await pool.query<{ external_id: string }>(sql('stored-external-ids'), [source, externalIds]);
  return new Set(rows.map((r) => r.external_id));
}
