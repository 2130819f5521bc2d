import { alertsRaised } from '../cases/negative-feedback.ts';
import type { NegativeFeedbackConfig } from '../config/schema/delivery.ts';
import type { IngestedItem } from '../ingest/ingest-record.ts';
import type { AlertHit, Analysis, Aspect } from '../nlp/types.ts';

/**
 * A batch as the parameters of save-analyzed-batch.sql: one array per column (cheaper for the
 * server to read than JSON), described once here. The statement names what it needs, `:items`,
 * `:items.names`, `:time_zone` and so on, and `compileBatchStatement` numbers the parameters from
 * these lists: no `$n` is matched to its value by counting.
 */

/** One item ready to store: what ingest made of a record, plus its analysis. */
export interface AnalyzedFeedback extends Omit<IngestedItem, 'meta'> {
  meta?: Record<string, unknown> | undefined;
  /** The import or crawl run that brings it. */
  importId?: string | undefined;
  analysis: Analysis;
}

/**
 * One column of the batch: its name in the statement, its Postgres type, and its value for a row
 * (an item, or one of its aspects or alert hits) at its item's position in the batch (`ord`:
 * aspects and alert hits point at their item by it).
 */
interface Column<Row> {
  readonly name: string;
  readonly type: string;
  value(row: Row, ord: number): unknown;
}

/** One row's values, each onto the end of its column's array. */
function pushRow<Row>(defs: readonly Column<Row>[], into: unknown[][], row: Row, ord: number): void {
  for (let c = 0; c < defs.length; c++) into[c]!.push(defs[c]!.value(row, ord));
}

const ITEM_COLUMNS: readonly Column<AnalyzedFeedback>[] = [
  { name: 'ord', type: 'int', value: (_, ord) => ord },
  { name: 'channel', type: 'text', value: (r) => r.channel },
  { name: 'source', type: 'text', value: (r) => r.source },
  { name: 'external_id', type: 'text', value: (r) => r.externalId },
  { name: 'content_hash', type: 'text', value: (r) => r.contentHash },
  { name: 'text', type: 'text', value: (r) => r.text },
  { name: 'author', type: 'text', value: (r) => r.author ?? null },
  { name: 'rating', type: 'smallint', value: (r) => r.rating ?? null },
  { name: 'posted_at', type: 'timestamptz', value: (r) => r.postedAt ?? null },
  { name: 'url', type: 'text', value: (r) => r.url ?? null },
  { name: 'region', type: 'text', value: (r) => r.region || null },
  { name: 'segment', type: 'text', value: (r) => r.segment || null },
  { name: 'order_id', type: 'text', value: (r) => r.orderId ?? null },
  { name: 'meta', type: 'jsonb', value: (r) => JSON.stringify(r.meta ?? {}) },
  { name: 'sentiment_label', type: 'text', value: (r) => r.analysis.sentiment.label },
  { name: 'sentiment_score', type: 'real', value: (r) => r.analysis.sentiment.score },
  { name: 'import_id', type: 'text', value: (r) => r.importId ?? null },
  { name: 'product', type: 'text', value: (r) => r.product || null },
  { name: 'nps', type: 'smallint', value: (r) => r.nps ?? null },
  { name: 'csat', type: 'smallint', value: (r) => r.csat ?? null },
  { name: 'ces', type: 'smallint', value: (r) => r.ces ?? null },
];

/** An aspect with what the statement would otherwise work out per row in Postgres (see below). */
interface AspectRow {
  aspect: Aspect;
  /** Its position among its item's aspects: `feedback_aspects.ordinal`. */
  ordinal: number;
  /** Whether it is its item's first of its (topic, polarity), the one the tally counts. */
  counted: boolean;
}

const ASPECT_COLUMNS: readonly Column<AspectRow>[] = [
  { name: 'item', type: 'int', value: (_, ord) => ord },
  { name: 'topic', type: 'text', value: (r) => r.aspect.topic },
  { name: 'polarity', type: 'text', value: (r) => r.aspect.polarity },
  { name: 'evidence', type: 'text', value: (r) => r.aspect.evidence },
  { name: 'ordinal', type: 'int', value: (r) => r.ordinal },
  { name: 'counted', type: 'boolean', value: (r) => r.counted },
];

/**
 * An item's aspects, each with its ordinal and whether the tally counts it. Worked out here, the
 * tally is a plain count that Postgres hashes: as `count(DISTINCT id)` over a window's row numbers
 * it sorted every aspect row of the batch by nine keys, 10 of the statement's 50 ms for 2,000
 * corpus reviews. An item has a few aspects, so the earlier ones are simply looked through.
 */
function pushAspects(into: unknown[][], aspects: readonly Aspect[], ord: number): void {
  for (let i = 0; i < aspects.length; i++) {
    const aspect = aspects[i]!;
    let counted = true;
    for (let j = 0; j < i && counted; j++) counted = aspects[j]!.topic !== aspect.topic || aspects[j]!.polarity !== aspect.polarity;
    pushRow(ASPECT_COLUMNS, into, { aspect, ordinal: i, counted }, ord);
  }
}

const ALERT_COLUMNS: readonly Column<AlertHit>[] = [
  { name: 'item', type: 'int', value: (_, ord) => ord },
  { name: 'rule', type: 'text', value: (r) => r.rule },
  { name: 'severity', type: 'text', value: (r) => r.severity },
  { name: 'keyword', type: 'text', value: (r) => r.keyword },
  { name: 'evidence', type: 'text', value: (r) => r.evidence },
];

/** The statement's single values, each with its type. */
const SCALARS = {
  /** Zone of `day` (the posted date; today where an item has no posted_at). */
  time_zone: 'text',
  /** Hours from now to an alert's deadline, per severity. */
  deadline_hours: 'jsonb',
  /** Hours after posting beyond which an alert is `stale`, not sent (0: never). */
  max_age_hours: 'float8',
} as const;

export type BatchScalars = { [K in keyof typeof SCALARS]: unknown };

const GROUPS = { items: ITEM_COLUMNS, aspects: ASPECT_COLUMNS, alerts: ALERT_COLUMNS } as const;
type Group = keyof typeof GROUPS;

export interface BatchStatement {
  text: string;
  /** The parameters of a batch, in the statement's order. */
  params(items: readonly AnalyzedFeedback[], scalars: BatchScalars, negativeFeedback?: NegativeFeedbackConfig): { values: unknown[]; alertHits: number };
}

/**
 * Fills the statement's markers: `:items` (or `:aspects`, `:alerts`) becomes the group's typed
 * arrays (`$1::int[], $2::text[], …`), `:items.names` its column names, and `:time_zone` (any of
 * SCALARS) one typed parameter. Casts (`::jsonb`) are not markers.
 */
export function compileBatchStatement(sql: string): BatchStatement {
  const order: ({ group: Group; index: number } | { scalar: keyof typeof SCALARS })[] = [];
  const numbered = new Map<string, number>();
  const param = (key: string, entry: (typeof order)[number]) => {
    let n = numbered.get(key);
    if (n === undefined) {
      order.push(entry);
      n = order.length;
      numbered.set(key, n);
    }
    return n;
  };
  const marker = (whole: string, name: string, names?: string): string => {
    if (name in GROUPS) {
      const columns = GROUPS[name as Group];
      if (names) return columns.map((c) => c.name).join(', ');
      return columns.map((c, index) => `$${param(`${name}.${c.name}`, { group: name as Group, index })}::${c.type}[]`).join(', ');
    }
    if (name in SCALARS && !names) {
      const scalar = name as keyof typeof SCALARS;
      return `$${param(scalar, { scalar })}::${SCALARS[scalar]}`;
    }
    throw new Error(`save-analyzed-batch.sql: unknown marker ${whole}`);
  };
  // Comments name the markers too; only the code is filled in.
  const text = sql
    .split('\n')
    .map((line) => {
      const comment = line.indexOf('--');
      const code = comment < 0 ? line : line.slice(0, comment);
      return code.replace(/(?<![:\w]):([a-z_]+)(\.names)?\b/gu, marker) + (comment < 0 ? '' : line.slice(comment));
    })
    .join('\n');
  return {
    text,
    params(items, scalars, negativeFeedback) {
      // Straight into the column arrays, one pass over the batch: no object per row in between.
      const columns = { items: ITEM_COLUMNS.map((): unknown[] => []), aspects: ASPECT_COLUMNS.map((): unknown[] => []), alerts: ALERT_COLUMNS.map((): unknown[] => []) };
      for (let ord = 0; ord < items.length; ord++) {
        const item = items[ord]!;
        pushRow(ITEM_COLUMNS, columns.items, item, ord);
        pushAspects(columns.aspects, item.analysis.aspects, ord);
        for (const hit of alertsRaised(item, negativeFeedback)) pushRow(ALERT_COLUMNS, columns.alerts, hit, ord);
      }
      const values = order.map((entry) => ('scalar' in entry ? scalars[entry.scalar] : columns[entry.group][entry.index]));
      return { values, alertHits: columns.alerts[0]!.length };
    },
  };
}
