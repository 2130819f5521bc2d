import { describe, expect, it } from 'vitest';
import { parseRecord, schemaFor } from '../../../src/ingest/record-schema.ts';

const TIME_ZONE = 'Asia/Shanghai';
const FIELDS = ['externalId', 'text', 'rating', 'postedAt', 'author', 'url', 'region', 'segment', 'orderId', 'product', 'nps', 'csat', 'ces'] as const;
// Cells as files and producers hand them over: blanks, text, numbers a spreadsheet made of ids,
// values only the schema takes or refuses (NaN, a bigint, an object), good and bad ratings and times.
const VALUES: unknown[] = [
  undefined, null, '', '  ', 'x', ' a b ', 0, -0, 12, 3.5, NaN, Infinity, 1e21, 10n, true, {}, [],
  '4星', '4.5分', '★★★★☆', '8/10', '6', '九星', '2026-10-03 12:00:00', '2026年11月3日 18:22', '1700000000', '2026-13-01', 'bad', new Date(0),
];

/** What a parse says, keys in a fixed order (the hand reading adds them in its own). */
function outcome(result: ReturnType<typeof parseRecord>): unknown {
  if (!result.success) return { issues: JSON.parse(JSON.stringify(result.error.issues)) };
  const entries = Object.entries(result.data).filter(([, v]) => v !== undefined);
  return { data: Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) };
}

function expectAsSchema(record: Record<string, unknown>): void {
  const bySchema = outcome(schemaFor(TIME_ZONE).safeParse(record));
  expect(outcome(parseRecord(record as never, TIME_ZONE)), JSON.stringify(record, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toEqual(bySchema);
}

describe('parseRecord', () => {
  it('gives each field every value exactly as the schema does, accepted or refused', () => {
    for (const field of FIELDS) for (const value of VALUES) expectAsSchema({ channel: 'review', source: 'shop', text: '好吃', [field]: value });
  });

  it('reads channel and source as the schema does, and leaves turns, meta and unknown columns to it', () => {
    for (const channel of ['review', 'chat', 'social', 'email', undefined]) for (const source of ['shop', ' shop ', '', '  ', 3, undefined]) expectAsSchema({ channel, source, text: '好' });
    expectAsSchema({ channel: 'review', source: 'shop', text: '好', meta: { sku: 'A1', n: 2 } });
    expectAsSchema({ channel: 'chat', source: 'cs', turns: [{ role: 'customer', text: '还没发货' }] });
    expectAsSchema({ channel: 'review', source: 'shop', text: '好', label: 'kept out' });
  });

  it('agrees with the schema on records mixing many fields', () => {
    let seed = 7;
    const pick = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let i = 0; i < 3000; i++) {
      const record: Record<string, unknown> = { channel: ['review', 'chat', 'social'][pick(3)], source: ['shop', ' tmall '][pick(2)] };
      for (const field of FIELDS) if (pick(2) === 1) record[field] = VALUES[pick(VALUES.length)];
      expectAsSchema(record);
    }
  });
});
