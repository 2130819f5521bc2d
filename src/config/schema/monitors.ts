import { z } from 'zod';
import { TOPIC_IDS } from '../../nlp/types.ts';

/** Dimensions a monitor may slice by (`by`) or filter on (`filter`): columns of the tallies. */
export const MONITOR_DIMENSIONS = ['channel', 'source', 'region', 'segment', 'product'] as const;
export const MONITOR_KINDS = ['threshold', 'relative', 'target'] as const;
export const MONITOR_METRICS = ['negative_rate', 'share', 'items', 'nps', 'csat', 'ces'] as const;
export const SCORE_METRICS = ['nps', 'csat', 'ces'] as const;
export const TOPIC_METRICS = ['negative_rate', 'share'] as const;

export type MonitorDimension = (typeof MONITOR_DIMENSIONS)[number];
export type MonitorKind = (typeof MONITOR_KINDS)[number];
export type MonitorMetric = (typeof MONITOR_METRICS)[number];

/** `30m`, `1h`, `6h`, `1d` → milliseconds. */
export const durationSchema = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (v > 0) return v * 1000;
    } else {
      const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/.exec(v.trim());
      if (m && Number(m[1]) > 0) return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
    }
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 30m, 1h or 1d (or seconds), got ${JSON.stringify(v)}` });
    return z.NEVER;
  });

const dimension = z.enum(MONITOR_DIMENSIONS);

/** One monitor of `config/monitors.yaml` (keys fixed by the design reference; more may be added). */
export const monitorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, "_", "." and "-"'),
    description: z.string().optional(),
    kind: z.enum(MONITOR_KINDS),
    metric: z.enum(MONITOR_METRICS),
    /** negative_rate and share: `all`, or the topic ids watched. */
    topics: z.union([z.literal('all'), z.array(z.enum(TOPIC_IDS)).min(1)]).default('all'),
    /** Every value of these dimensions is evaluated on its own. */
    by: z.array(dimension).default([]),
    window: z.enum(['day', 'week']).default('week'),
    /** relative: trailing windows the window is compared with. */
    baseline: z.number().int().min(1).max(52).default(6),
    /** relative: significance of the increase; target: of the miss. Default 0.01 (relative), 0.05 (target). */
    alpha: z.number().gt(0).lt(0.5).optional(),
    /** relative: at least this relative increase over the baseline rate (0.5 = +50 %). */
    minChange: z.number().min(0).default(0.5),
    /** No verdict on fewer items (score metrics: answers) in the window's slice. */
    minItems: z.number().int().min(1).default(30),
    /** Only items with these values, e.g. { channel: review }. */
    filter: z.partialRecord(dimension, z.string()).default({}),
    /** threshold / target: fires below (or above) this value. negative_rate and share are 0–1. */
    below: z.number().optional(),
    above: z.number().optional(),
    /** After a finding is sent, the same monitor and slice stay quiet this long (default monitors.cooldown). */
    cooldown: durationSchema.optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((m, ctx) => {
    const scoreMetric = (SCORE_METRICS as readonly string[]).includes(m.metric);
    if (m.kind === 'relative') {
      if (scoreMetric) ctx.addIssue({ code: 'custom', path: ['metric'], message: `a relative monitor watches counts (negative_rate, share or items), not ${m.metric}: use kind target or threshold` });
      if (m.below !== undefined || m.above !== undefined) ctx.addIssue({ code: 'custom', path: [m.below !== undefined ? 'below' : 'above'], message: 'a relative monitor compares with its baseline; below/above belong to threshold and target monitors' });
    } else if ((m.below === undefined) === (m.above === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['below'], message: `a ${m.kind} monitor needs exactly one of below or above` });
    }
    if (m.topics !== 'all' && !(TOPIC_METRICS as readonly string[]).includes(m.metric)) {
      ctx.addIssue({ code: 'custom', path: ['topics'], message: `topics apply to negative_rate and share, not ${m.metric}` });
    }
    const dup = m.by.find((d, i) => m.by.indexOf(d) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['by'], message: `"${dup}" is listed twice` });
  });

/** `config/monitors.yaml` (or the file in PAINPOINT_MONITORS). */
export const monitorsFileSchema = z
  .object({ monitors: z.array(monitorSchema).default([]) })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.monitors.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'id'], message: `monitor id "${m.id}" is used twice` });
      seen.add(m.id);
    });
  });

/** `monitors:` in config/default.yaml: where the monitors are and how often the worker checks them. */
export const monitorSettingsSchema = z
  .object({
    file: z.string().default('config/monitors.yaml'),
    /** How often the worker evaluates every monitor (its job scheduler). */
    every: durationSchema.default(3_600_000),
    /** Default cool-down of a monitor: the same slice is not sent again within it. */
    cooldown: durationSchema.default(86_400_000),
    /** Evidence clauses and contributing slices put in a finding. */
    evidence: z.number().int().min(0).max(5).default(5),
    contributors: z.number().int().min(0).max(10).default(3),
  })
  .strict();

export type MonitorConfig = z.output<typeof monitorSchema>;
export type MonitorsFile = z.output<typeof monitorsFileSchema>;
export type MonitorSettings = z.output<typeof monitorSettingsSchema>;
