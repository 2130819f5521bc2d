import { negativeFeedbackHit } from '../cases/negative-feedback.ts';
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

/** One column of the batch: its name in the statement, its Postgres type, and its value for a row. */
interface Column<Row> {
  readonly name: string;
  readonly type: string;
  value(row: Row): unknown;
}

interface ItemRow {
  /** Position in the batch: aspects and alert hits point at their item by it. */
  ord: number;
  item: AnalyzedFeedback;
}

interface AspectRow {
  ord: number;
  aspect: Aspect;
}

interface AlertRow {
  ord: number;
  hit: AlertHit;
}

const ITEM_COLUMNS: readonly Column<ItemRow>[] = [
  { name: 'ord', type: 'int', value: (r) => r.ord },
  { name: 'channel', type: 'text', value: (r) => r.item.channel },
  { name: 'source', type: 'text', value: (r) => r.item.source },
  { name: 'external_id', type: 'text', value: (r) => r.item.externalId },
  { name: 'content_hash', type: 'text', value: (r) => r.item.contentHash },
  { name: 'text', type: 'text', value: (r) => r.item.text },
  { name: 'author', type: 'text', value: (r) => r.item.author ?? null },
  { name: 'rating', type: 'smallint', value: (r) => r.item.rating ?? null },
  { name: 'posted_at', type: 'timestamptz', value: (r) => r.item.postedAt ?? null },
  { name: 'url', type: 'text', value: (r) => r.item.url ?? null },
  { name: 'region', type: 'text', value: (r) => r.item.region || null },
  { name: 'segment', type: 'text', value: (r) => r.item.segment || null },
  { name: 'order_id', type: 'text', value: (r) => r.item.orderId ?? null },
  { name: 'meta', type: 'jsonb', value: (r) => JSON.stringify(r.item.meta ?? {}) },
  { name: 'sentiment_label', type: 'text', value: (r) => r.item.analysis.sentiment.label },
  { name: 'sentiment_score', type: 'real', value: (r) => r.item.analysis.sentiment.score },
  { name: 'import_id', type: 'text', value: (r) => r.item.importId ?? null },
  { name: 'product', type: 'text', value: (r) => r.item.product || null },
  { name: 'nps', type: 'smallint', value: (r) => r.item.nps ?? null },
  { name: 'csat', type: 'smallint', value: (r) => r.item.csat ?? null },
  { name: 'ces', type: 'smallint', value: (r) => r.item.ces ?? null },
];

const ASPECT_COLUMNS: readonly Column<AspectRow>[] = [
  { name: 'item', type: 'int', value: (r) => r.ord },
  { name: 'topic', type: 'text', value: (r) => r.aspect.topic },
  { name: 'polarity', type: 'text', value: (r) => r.aspect.polarity },
  { name: 'evidence', type: 'text', value: (r) => r.aspect.evidence },
];

const ALERT_COLUMNS: readonly Column<AlertRow>[] = [
  { name: 'item', type: 'int', value: (r) => r.ord },
  { name: 'rule', type: 'text', value: (r) => r.hit.rule },
  { name: 'severity', type: 'text', value: (r) => r.hit.severity },
  { name: 'keyword', type: 'text', value: (r) => r.hit.keyword },
  { name: 'evidence', type: 'text', value: (r) => r.hit.evidence },
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
      const rows = { items: [] as ItemRow[], aspects: [] as AspectRow[], alerts: [] as AlertRow[] };
      for (let ord = 0; ord < items.length; ord++) {
        const item = items[ord]!;
        rows.items.push({ ord, item });
        for (const aspect of item.analysis.aspects) rows.aspects.push({ ord, aspect });
        const caseHit = negativeFeedback && negativeFeedbackHit(item, negativeFeedback);
        for (const hit of caseHit ? [caseHit] : item.analysis.alerts) rows.alerts.push({ ord, hit });
      }
      const values = order.map((entry) => {
        if ('scalar' in entry) return scalars[entry.scalar];
        const column = GROUPS[entry.group][entry.index]! as Column<unknown>;
        return (rows[entry.group] as unknown[]).map((row) => column.value(row));
      });
      return { values, alertHits: rows.alerts.length };
    },
  };
}
