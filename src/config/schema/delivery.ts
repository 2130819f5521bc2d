import { z } from 'zod';

const severity = z.enum(['low', 'medium', 'high', 'critical']);

export const endpointSchema = z
  .object({
    name: z.string().min(1),
    url: z.string().url(),
    /** Name of the environment variable that holds the signing secret (never the secret itself). */
    secretEnv: z.string().optional(),
    format: z.enum(['painpoint', 'wecom', 'dingtalk', 'feishu']).default('painpoint'),
    rules: z.array(z.string()).optional(),
    minSeverity: severity.default('low'),
    channels: z.array(z.enum(['review', 'chat', 'social'])).optional(),
    sources: z.array(z.string()).optional(),
  })
  .strict();

export const deliverySchema = z
  .object({
    endpoints: z.array(endpointSchema).default([]),
    /** Hosts (or CIDRs) webhooks may target; PAINPOINT_WEBHOOK_ALLOW_HOSTS adds to it. */
    allowHosts: z.array(z.string()).default([]),
    /** Hours from an alert's creation to its response deadline, per severity. */
    deadlineHours: z
      .object({ critical: z.number().positive().default(1), high: z.number().positive().default(4), medium: z.number().positive().default(24), low: z.number().positive().default(24) })
      .strict()
      .default({ critical: 1, high: 4, medium: 24, low: 24 }),
  })
  .strict();

export type DeliveryConfig = z.output<typeof deliverySchema>;
export type EndpointConfig = z.output<typeof endpointSchema>;
