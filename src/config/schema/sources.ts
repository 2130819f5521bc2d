import { z } from 'zod';
import { CRAWLED_CHANNELS } from '../../domain/channel.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/time-zone.ts';
import { timeZoneName } from './pipeline.ts';

/**
 * `config/sources.yaml` (or the file named by PAINPOINT_SOURCES): the review channels painpoint
 * crawls. Read with `loadYamlFile`, so a mistake names the file and the key (`sources.1.item`).
 */

/** Five-field cron, or six with seconds first (BullMQ's job schedulers accept both). */
const cronPattern = z
  .string()
  .trim()
  .refine((s) => {
    const fields = s.split(/\s+/);
    return (fields.length === 5 || fields.length === 6) && fields.every((f) => /^[\d*/,\-A-Za-z?LW#]+$/.test(f));
  }, 'expected a cron pattern of 5 fields (minute hour day month weekday) or 6 (seconds first)');

/**
 * Where a field's value is read, relative to the item element: a CSS selector (its text), or
 * `{selector?, attribute?}` (an attribute such as `href`, `datetime`, `class`, `aria-label`,
 * `data-id`; no selector means the item element itself).
 */
export const fieldSchema = z.union([
  z.string().min(1),
  z.object({ selector: z.string().min(1).optional(), attribute: z.string().min(1).optional() }).strict(),
]);

const pageLimit = z.number().int().min(1).max(10_000).default(10);

/** Exactly one way to reach the next page; none means the start URLs are the only pages. */
export const paginationSchema = z.union([
  z.object({ next: z.object({ selector: z.string().min(1), maxPages: pageLimit }).strict() }).strict(),
  z.object({ loadMore: z.object({ selector: z.string().min(1), maxPages: pageLimit }).strict() }).strict(),
  z
    .object({
      infiniteScroll: z
        .object({
          maxPages: pageLimit,
          /** How long to wait for more items after a scroll before deciding there are none. */
          idleMs: z.number().int().min(100).max(60_000).default(2_000),
        })
        .strict(),
    })
    .strict(),
]);

export const cookieSchema = z
  .object({
    name: z.string().min(1),
    value: z.string(),
    /** Defaults to the host of the first start URL. */
    domain: z.string().optional(),
    path: z.string().default('/'),
    secure: z.boolean().optional(),
    httpOnly: z.boolean().optional(),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected lower-case letters, digits, ".", "_" or "-" (at most 64)'),
    /** A disabled source is validated but never crawled nor scheduled. */
    enabled: z.boolean().default(true),
    channel: z.enum(CRAWLED_CHANNELS),
    startUrls: z.array(z.string().url().refine((u) => /^https?:/.test(u), 'expected an http(s) URL')).min(1),
    /** When to crawl; without it the source is crawled only by `painpoint crawl`. */
    schedule: cronPattern.optional(),
    timezone: timeZoneName.default(DEFAULT_TIME_ZONE),
    /** Selector of one review (or post) on the page. */
    item: z.string().min(1),
    fields: z
      .object({
        text: fieldSchema,
        rating: fieldSchema.optional(),
        author: fieldSchema.optional(),
        postedAt: fieldSchema.optional(),
        url: fieldSchema.optional(),
        /** Absent: derived from the item's URL and text. */
        externalId: fieldSchema.optional(),
      })
      .strict(),
    pagination: paginationSchema.optional(),
    /** For pages that render their reviews with JavaScript: wait until this selector appears. */
    waitFor: z.string().min(1).optional(),
    /** Requests per second to one host, held across jobs and processes; 0 = no limit (local tests only). */
    rate: z.number().min(0).max(100).default(1),
    timeoutMs: z.number().int().min(1_000).max(300_000).default(30_000),
    /** Further attempts for a page that fails (5xx, 429, timeout, waitFor never appears). */
    retries: z.number().int().min(0).max(10).default(2),
    /** Default: `painpoint/<version>` plus `crawl.contact` from config/default.yaml. */
    userAgent: z.string().min(1).optional(),
    cookies: z.array(cookieSchema).optional(),
  })
  .strict();

export const sourcesFileSchema = z
  .object({ sources: z.array(sourceSchema).default([]) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate source id "${s.id}"`, path: ['sources', i, 'id'] });
      seen.add(s.id);
    });
  });

export type SourceConfig = z.output<typeof sourceSchema>;
export type SourceField = z.output<typeof fieldSchema>;
export type PaginationConfig = z.output<typeof paginationSchema>;
export type SourcesFile = z.output<typeof sourcesFileSchema>;

/** The `crawl` section of config/default.yaml: what every source shares. */
export const crawlSchema = z
  .object({
    /** Chromium to drive; PAINPOINT_CHROMIUM wins over it. Never downloaded. */
    chromium: z.string().default('/usr/bin/chromium'),
    /** The sources file; PAINPOINT_SOURCES wins over it. */
    sources: z.string().default('config/sources.yaml'),
    /** A URL or e-mail a site owner can reach us at, put in the default User-Agent. */
    contact: z.string().default(''),
  })
  .strict();

export type CrawlConfig = z.output<typeof crawlSchema>;
