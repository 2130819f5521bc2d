import { z } from 'zod';
import { LANGUAGES, type Lang } from '../dashboard/i18n.ts';
import { POLARITIES, SLICE_DIMENSIONS, type Slice } from '../dashboard/slices.ts';
import { SEVERITIES } from '../dashboard/read/cases.ts';
import { ALERT_STATUSES } from '../domain/index.ts';
import { HttpError } from './http-io.ts';

/** Query parameters of the dashboard's pages and their JSON twins, validated where they enter. */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const empty = (v: unknown) => (v === '' ? undefined : v);

const sliceFields = {
  by: z.preprocess(empty, z.enum(SLICE_DIMENSIONS).optional()),
  // '(none)' stands for items without a value of the dimension.
  value: z.preprocess(empty, z.string().max(200).optional()),
};

export const heatmapQuery = z.object({
  polarity: z.preprocess(empty, z.enum(POLARITIES).default('negative')),
  grain: z.preprocess(empty, z.enum(['week', 'day']).default('week')),
  span: z.preprocess(empty, z.coerce.number().int().min(1).max(104).optional()),
  ...sliceFields,
  lang: z.string().optional(),
});

export const topicQuery = z.object({
  polarity: z.preprocess(empty, z.enum([...POLARITIES, 'all']).default('all')),
  grain: z.preprocess(empty, z.enum(['week', 'day']).default('week')),
  ...sliceFields,
  from: z.preprocess(empty, date.optional()),
  to: z.preprocess(empty, date.optional()),
  q: z.preprocess(empty, z.string().max(100).optional()),
  page: z.preprocess(empty, z.coerce.number().int().min(1).max(100_000).default(1)),
  lang: z.string().optional(),
});

export const casesQuery = z.object({
  rule: z.preprocess(empty, z.string().regex(/^[a-z0-9_]+$/).optional()),
  severity: z.preprocess(empty, z.enum(SEVERITIES).optional()),
  status: z.preprocess(empty, z.enum(ALERT_STATUSES).optional()),
  overdue: z.preprocess(empty, z.enum(['1', 'true']).optional()),
  lang: z.string().optional(),
});

export const overviewQuery = z.object({
  since: z.preprocess(empty, z.string().max(20).default('30d')),
  lang: z.string().optional(),
});

export const TOPIC_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const result = schema.safeParse(Object.fromEntries(url.searchParams));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new HttpError(400, `query${issue.path.length ? ` parameter "${issue.path.join('.')}"` : ''}: ${issue.message}`);
}

export function sliceOf(q: { by?: Slice['dimension'] | undefined; value?: string | undefined }): Slice {
  if (!q.by) return { dimension: null, value: null };
  return { dimension: q.by, value: q.value === undefined ? null : q.value === '(none)' ? '' : q.value };
}

export function langOf(query: string | undefined, cookie: string | undefined): Lang {
  const pick = (v: string | undefined) => (LANGUAGES as readonly string[]).includes(v ?? '') ? (v as Lang) : undefined;
  return pick(query) ?? pick(cookie) ?? 'zh';
}
