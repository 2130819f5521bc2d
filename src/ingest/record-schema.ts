import { z } from 'zod';
import { CHANNELS, type Channel, type ChatTurn, type FeedbackRecord } from '../domain/index.ts';
import { parsePostedAt } from './posted-at.ts';
import { parseRating } from './rating.ts';

/**
 * A record as a producer hands it over (an importer's mapped row, a crawled item): FeedbackRecord's
 * shape with values not yet checked. Ingest validates it with the schema below.
 */
export type IncomingRecord = { [K in keyof FeedbackRecord]?: unknown } & { channel: Channel; source: string };

/** Import names of the record's fields, so an error names what the user wrote in the file. */
export const FIELD_NAMES: Record<string, string> = {
  externalId: 'id',
  text: 'text',
  turns: 'turns',
  rating: 'rating',
  postedAt: 'posted_at',
  author: 'author',
  url: 'url',
  region: 'region',
  segment: 'segment',
  orderId: 'order_id',
  meta: 'meta',
  nps: 'nps',
  csat: 'csat',
  ces: 'ces',
  product: 'product',
};

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

/** Text-like scalars: spreadsheets hand over ids and regions as numbers. */
const scalarText = z.preprocess(
  blankToUndefined,
  z
    .union([z.string(), z.number(), z.bigint()])
    .transform((v) => String(v).trim())
    .optional(),
);

const CUSTOMER_ROLES = new Set(['customer', 'user', 'buyer', 'client', '客户', '顾客', '用户', '买家']);
const AGENT_ROLES = new Set(['agent', 'staff', 'seller', 'service', 'bot', '客服', '商家', '卖家', '机器人']);

const turnSchema = z
  .object({
    role: z.string().transform((r, ctx) => {
      const role = r.trim().toLowerCase();
      if (CUSTOMER_ROLES.has(role)) return 'customer' as const;
      if (AGENT_ROLES.has(role)) return 'agent' as const;
      ctx.addIssue({ code: 'custom', message: `unknown role "${r}" (expected customer or agent)` });
      return z.NEVER;
    }),
    text: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string()),
    at: scalarText,
  })
  .transform((t): ChatTurn => (t.at === undefined ? { role: t.role, text: t.text } : t));

/** A turn may name its fields the way chat exports do (from/speaker, content/message, time). */
function normalizeTurn(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const t = raw as Record<string, unknown>;
  return { role: t.role ?? t.from ?? t.speaker ?? t.sender, text: t.text ?? t.content ?? t.message, at: t.at ?? t.time ?? t.posted_at };
}

export function recordSchema(timeZone: string) {
  return z.object({
    channel: z.enum(CHANNELS as [Channel, ...Channel[]]),
    source: z.string().trim().min(1, 'a source name is required'),
    externalId: scalarText,
    text: z.preprocess(blankToUndefined, z.union([z.string(), z.number()]).transform(String).optional()),
    turns: z.preprocess(
      (v) => (typeof v === 'string' && v.trim().startsWith('[') ? safeJson(v) : v),
      z.array(z.preprocess(normalizeTurn, turnSchema)).optional(),
    ),
    rating: z.preprocess(
      blankToUndefined,
      z
        .unknown()
        .transform((v, ctx) => {
          if (v === undefined) return undefined;
          const r = parseRating(v);
          if (r.ok) return r.value;
          ctx.addIssue({ code: 'custom', message: r.message });
          return z.NEVER;
        }),
    ),
    postedAt: z.preprocess(
      blankToUndefined,
      z.unknown().transform((v, ctx) => {
        if (v === undefined) return undefined;
        const r = parsePostedAt(v, timeZone);
        if (r.ok) return r.value;
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      }),
    ),
    author: scalarText,
    url: scalarText,
    region: scalarText,
    segment: scalarText,
    orderId: scalarText,
    // Survey scores are checked by ingest (scores.ts): an out-of-range score is rejected on its own,
    // and the rest of the record is kept.
    nps: z.unknown().optional(),
    csat: z.unknown().optional(),
    ces: z.unknown().optional(),
    product: scalarText,
    meta: z.record(z.string(), z.unknown()).optional(),
  });
}

export type ValidRecord = z.output<ReturnType<typeof recordSchema>>;

const schemas = new Map<string, ReturnType<typeof recordSchema>>();

export function schemaFor(timeZone: string): ReturnType<typeof recordSchema> {
  let schema = schemas.get(timeZone);
  if (!schema) {
    schema = recordSchema(timeZone);
    schemas.set(timeZone, schema);
  }
  return schema;
}

/** Social counters are kept in meta; they must be whole non-negative numbers when present. */
export function socialCounter(value: unknown): { ok: true; value: number | undefined } | { ok: false; message: string } {
  if (value === undefined || value === null || value === '') return { ok: true, value: undefined };
  const s = typeof value === 'string' ? value.trim().replace(/,/gu, '') : value;
  const n = typeof s === 'string' && /^\d+(?:\.\d+)?[万wW]$/u.test(s) ? Math.round(parseFloat(s) * 10_000) : Number(s);
  if (!Number.isInteger(n) || n < 0) return { ok: false, message: `${JSON.stringify(value)} is not a count` };
  return { ok: true, value: n };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
