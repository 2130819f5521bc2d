import type pg from 'pg';
import { findUnstorable } from '../ingest/storable.ts';
import type { NegativeFeedbackConfig } from '../config/schema/delivery.ts';
import { DEFAULT_TIME_ZONE } from '../config/schema/pipeline.ts';
import type { CaseDeadlines } from '../cases/deadlines.ts';
import { markRecurred } from './cases-repository.ts';
import { compileBatchStatement, type AnalyzedFeedback, type BatchStatement } from './feedback-batch.ts';
import { withTransaction } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

// Declared beside the statement that reads it; callers take it from the repository that saves it.
export type { AnalyzedFeedback } from './feedback-batch.ts';

const sql = sqlFolder('feedback');

export interface SaveOptions {
  /** Hours from now to an alert's response deadline, per severity (config `delivery.deadlineHours`). */
  deadlineHours?: Readonly<Record<'critical' | 'high' | 'medium' | 'low', number>> | undefined;
  /** Deadlines per severity in calendar or working time (config `delivery.deadlines`); wins over deadlineHours. */
  deadlines?: CaseDeadlines | undefined;
  /** Which items no rule fired on still open a `negative_feedback` case (config `delivery.cases.negativeFeedback`). */
  negativeFeedback?: NegativeFeedbackConfig | undefined;
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
  /** Items Postgres refused (what no check before the store foresaw), each with its error; the rest were saved. */
  refused: RefusedItem[];
  /** Alerts created `stale` (about old items): kept, not sent. */
  staleAlerts: number;
}

export interface RefusedItem {
  item: AnalyzedFeedback;
  /** SQLSTATE of the error (e.g. 23514, a CHECK violated), or invalid_characters when refused before the statement. */
  code: string;
  message: string;
}

/**
 * Errors that come from the data of some item, not from the server or the connection: data
 * exceptions (class 22), integrity violations (23) and program limits (54, e.g. an index entry too
 * big). Such an error would fail every retry of the batch, so the batch is split to find the item.
 */
function isItemError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(?:22|23|54)/u.test(code);
}

export const DEFAULT_DEADLINE_HOURS = { critical: 1, high: 4, medium: 24, low: 24 } as const;

/** Serialization failures and deadlocks are retried here: the statement is safe to run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/**
 * Stores a batch in one transaction: feedback rows (unique on source + external id), and for the
 * rows actually inserted, their aspects, pain-point tally and daily increments and pending alerts.
 * A duplicated, retried or concurrent batch therefore never counts anything twice. One statement
 * per batch, whatever its size; an item Postgres refuses is isolated and returned in `refused`
 * while the others are saved, so one item never fails its batch.
 */
export async function saveAnalyzedBatch(pool: pg.Pool, items: readonly AnalyzedFeedback[], options: SaveOptions = {}): Promise<SaveResult> {
  const unstorable = items.filter(holdsUnstorable);
  if (unstorable.length > 0) {
    const refused = unstorable.map((item): RefusedItem => ({ item, code: 'invalid_characters', message: unstorableField(item)!.message }));
    const rest = await saveAnalyzedBatch(pool, items.filter((item) => !unstorable.includes(item)), options);
    return { ...rest, refused: [...refused, ...rest.refused] };
  }
  return saveSplittingOnItemErrors(pool, items, options);
}

/**
 * A NUL or half a character fails the statement or, worse, is sent as U+FFFD without a word (the
 * driver encodes strings as UTF-8): such items are refused before the statement.
 */
function holdsUnstorable(item: AnalyzedFeedback): boolean {
  return unstorableField(item) !== undefined;
}

/** The item's own fields; the analysis quotes the text, so it holds nothing the text does not. */
const CHECKED_FIELDS = ['source', 'externalId', 'text', 'author', 'url', 'region', 'segment', 'orderId', 'product', 'meta'] as const;

function unstorableField(item: AnalyzedFeedback): { message: string } | undefined {
  for (const key of CHECKED_FIELDS) {
    const problem = findUnstorable(item[key], key, 1);
    if (problem) return { message: `${problem.field}: ${problem.message}` };
  }
  return undefined;
}

async function saveSplittingOnItemErrors(pool: pg.Pool, items: readonly AnalyzedFeedback[], options: SaveOptions): Promise<SaveResult> {
  if (items.length === 0) return { stored: 0, duplicates: 0, alertIds: [], staleAlerts: 0, refused: [] };
  try {
    return { ...(await saveInOneStatement(pool, items, options)), refused: [] };
  } catch (err) {
    if (!isItemError(err)) throw err;
    const e = err as { code: string; message: string };
    if (items.length === 1) return { stored: 0, duplicates: 0, alertIds: [], staleAlerts: 0, refused: [{ item: items[0]!, code: e.code, message: e.message }] };
    // Halves until the item is found: each half is a statement (a transaction) of its own, so what
    // is saved is saved whole, and a retry of the job finds it stored and counts nothing twice.
    const mid = items.length >> 1;
    const a = await saveSplittingOnItemErrors(pool, items.slice(0, mid), options);
    const b = await saveSplittingOnItemErrors(pool, items.slice(mid), options);
    return { stored: a.stored + b.stored, duplicates: a.duplicates + b.duplicates, alertIds: [...a.alertIds, ...b.alertIds], staleAlerts: a.staleAlerts + b.staleAlerts, refused: [...a.refused, ...b.refused] };
  }
}

async function saveInOneStatement(pool: pg.Pool, items: readonly AnalyzedFeedback[], options: SaveOptions): Promise<Omit<SaveResult, 'refused'>> {
  const deadlineHours = options.deadlines ? options.deadlines.hoursFrom(new Date()) : (options.deadlineHours ?? DEFAULT_DEADLINE_HOURS);
  const statement = saveStatement();
  const { values, alertHits } = statement.params(
    items,
    { time_zone: options.timeZone ?? DEFAULT_TIME_ZONE, deadline_hours: JSON.stringify(deadlineHours), max_age_hours: options.maxAgeHours ?? 0 },
    options.negativeFeedback,
  );
  for (let attempt = 1; ; attempt++) {
    try {
      // A single statement is its own transaction: all of it commits, or none of it. A batch that
      // opens cases also marks their recurrence, in the same transaction.
      const r = alertHits > 0 ? await saveWithCases(pool, statement.text, values) : (await pool.query<BatchRow>(statement.text, values)).rows[0]!;
      return { stored: r.stored, duplicates: items.length - r.stored, alertIds: r.alert_ids.map(Number), staleAlerts: r.stale_alerts };
    } catch (err) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
    }
  }
}

let compiled: BatchStatement | undefined;
const saveStatement = (): BatchStatement => (compiled ??= compileBatchStatement(sql('save-analyzed-batch')));

interface BatchRow {
  stored: number;
  alert_ids: string[];
  stale_alerts: number;
}

async function saveWithCases(pool: pg.Pool, text: string, values: unknown[]): Promise<BatchRow> {
  return withTransaction(pool, async (client) => {
    const row = (await client.query<BatchRow>(text, values)).rows[0]!;
    if (row.alert_ids.length > 0) await markRecurred(client, row.alert_ids.map(Number));
    return row;
  });
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
