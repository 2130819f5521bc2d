import { z } from 'zod';
import { CHANNELS } from '../../domain/channel.ts';
import { DEFAULT_DEADLINE_HOURS, parseDeadline } from '../../domain/deadlines.ts';
import { CALENDARS, DEFAULT_WORKING_HOURS, minutesOfDay } from '../../domain/working-hours.ts';
import { SEVERITIES } from '../../nlp/types.ts';
import { timeZoneName } from './pipeline.ts';

const severity = z.enum(SEVERITIES);

/**
 * What an endpoint is sent: case alerts (single or digest), overdue escalations, operational alerts,
 * metric monitor findings, and resolutions (a case was closed: opt in, e.g. for a CRM's follow-up survey).
 */
export const ENDPOINT_RECEIVES = ['alerts', 'escalations', 'operational', 'metrics', 'resolutions'] as const;

export const endpointSchema = z
  .object({
    /** Stable name: part of delivery job ids and of the delivery log, so keep it when editing. */
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-" only'),
    url: z.string().url(),
    /** Name of the environment variable that holds the signing secret (never the secret itself). */
    secretEnv: z.string().optional(),
    format: z.enum(['painpoint', 'wecom', 'dingtalk', 'feishu']).default('painpoint'),
    /** Alert rules sent to this endpoint (default: every rule). */
    rules: z.array(z.string()).optional(),
    minSeverity: severity.default('low'),
    channels: z.array(z.enum(CHANNELS)).optional(),
    sources: z.array(z.string()).optional(),
    receives: z.array(z.enum(ENDPOINT_RECEIVES)).min(1).default(['alerts', 'operational']),
  })
  .strict();

const deadlineSpec = z.union([z.number(), z.string()]).superRefine((spec, ctx) => {
  const parsed = parseDeadline(spec);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

const timeOfDay = z.string().refine((t) => {
  try {
    minutesOfDay(t);
    return true;
  } catch {
    return false;
  }
}, 'a time of day as HH:MM, e.g. 09:00');

/** Which items open a `negative_feedback` case when no alert rule fired: any condition given matches. */
export const negativeFeedbackSchema = z
  .object({
    ratingAtMost: z.number().int().min(1).max(5).optional(),
    sentiment: z.literal('negative').optional(),
    severity: severity.default('low'),
    /** Channels it applies to (default: all). */
    channels: z.array(z.enum(CHANNELS)).optional(),
  })
  .strict()
  .refine((r) => r.ratingAtMost !== undefined || r.sentiment !== undefined, 'give ratingAtMost, sentiment or both');

export const deliverySchema = z
  .object({
    endpoints: z.array(endpointSchema).default([]),
    /** Hosts (or CIDRs) webhooks may target; PAINPOINT_WEBHOOK_ALLOW_HOSTS adds to it. */
    allowHosts: z.array(z.string()).default([]),
    /** Hours from an alert's creation to its response deadline, per severity. */
    deadlineHours: z
      .object({
        critical: z.number().positive().default(DEFAULT_DEADLINE_HOURS.critical),
        high: z.number().positive().default(DEFAULT_DEADLINE_HOURS.high),
        medium: z.number().positive().default(DEFAULT_DEADLINE_HOURS.medium),
        low: z.number().positive().default(DEFAULT_DEADLINE_HOURS.low),
      })
      .strict()
      .default({ ...DEFAULT_DEADLINE_HOURS }),
    /**
     * Deadlines per severity as "4h", "30m", "1 workday" or "6 workhours" (working time: the calendar
     * and hours of `workingHours`). A severity left out keeps its `deadlineHours`.
     */
    deadlines: z.object({ critical: deadlineSpec.optional(), high: deadlineSpec.optional(), medium: deadlineSpec.optional(), low: deadlineSpec.optional() }).strict().optional(),
    /** Working time for workday deadlines and for the working hours a case took. */
    workingHours: z
      .object({
        start: timeOfDay.default(DEFAULT_WORKING_HOURS.start),
        end: timeOfDay.default(DEFAULT_WORKING_HOURS.end),
        timeZone: timeZoneName.default(DEFAULT_WORKING_HOURS.timeZone),
        /** mainland: public holidays off and 调休 make-up days on; weekdays: Monday to Friday. */
        calendar: z.enum(CALENDARS).default(DEFAULT_WORKING_HOURS.calendar),
      })
      .strict()
      .refine((w) => minutesOfDay(w.end) > minutesOfDay(w.start), 'working hours must end after they start')
      .default(DEFAULT_WORKING_HOURS),
    /** Cases beyond the keyword rules. */
    cases: z
      .object({
        /** Open a `negative_feedback` case for items no rule fired on, e.g. { ratingAtMost: 2, sentiment: negative }. */
        negativeFeedback: negativeFeedbackSchema.optional(),
      })
      .strict()
      .default({}),
    /** Deliveries a worker makes at once (they wait on the network, not the CPU). */
    concurrency: z.number().int().min(1).max(256).default(16),
    /** One POST's time limit. */
    timeoutMs: z.number().int().min(100).max(120_000).default(5_000),
    /** Delivery attempts per alert and endpoint before the alert is marked `failed`. */
    attempts: z.number().int().min(1).max(50).default(10),
    /** First retry delay; each next one doubles (7 s × (2^9 − 1) ≈ one hour over 10 attempts). */
    backoffMs: z.number().int().min(1).default(7_000),
    /** Signature timestamps older or newer than this are refused by `verify-signature`. */
    signatureToleranceSeconds: z.number().int().min(1).default(300),
    /** Storm control: non-critical alerts of one rule and source within this window go out as one digest. */
    digestWindowSeconds: z.number().min(0).default(600),
    /** Items listed in a digest message (the count covers all of them). */
    digestMaxItems: z.number().int().min(1).default(50),
    /** How often pending alerts left without a delivery job are dispatched again. */
    sweepEverySeconds: z.number().min(1).default(60),
    /** A pending alert this old with no delivery is picked up by the sweep. */
    sweepGraceSeconds: z.number().min(0).default(30),
    /**
     * Alerts about items posted longer ago than this are stored as `stale` and not sent (an import
     * of last year's reviews must not page anyone); `alerts retry --stale` sends them. 0: never stale.
     */
    maxAgeHours: z.number().min(0).default(72),
    /** How often unacknowledged alerts past their deadline are looked for. */
    escalateEverySeconds: z.number().min(1).default(60),
    /** `painpoint serve`: the case API (acknowledge, resolve, list). Its bearer token is PAINPOINT_API_TOKEN. */
    api: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(8787),
        /** Base of the acknowledge/resolve links put in webhooks (where CX teams reach `serve`). */
        publicUrl: z.string().url().optional(),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8787 }),
  })
  .strict();

export type DeliveryConfig = z.output<typeof deliverySchema>;
export type EndpointConfig = z.output<typeof endpointSchema>;
export type NegativeFeedbackConfig = z.output<typeof negativeFeedbackSchema>;
