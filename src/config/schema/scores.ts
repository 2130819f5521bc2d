import { z } from 'zod';

/**
 * `targets:` — what the CX guides ask of the scores: NPS ≥ 30, CSAT ≥ 4.5 (quarterly), CES ≥ 4.
 * `painpoint scores` marks each group met or missed; the default monitors watch the same values.
 */
export const targetsSchema = z
  .object({
    nps: z.number().min(-100).max(100).default(30),
    csat: z.number().min(1).max(5).default(4.5),
    ces: z.number().min(1).max(5).default(4),
  })
  .strict();

/** `scores:` — how scores are reported. */
export const scoresSchema = z
  .object({
    /** Fewer answers than this in a group: "insufficient data" instead of a number (30: NPS ± ~35 points at worst). */
    minResponses: z.number().int().min(2).default(30),
    /** `painpoint drivers`: answers needed among a topic's complainers (the rest still needs minResponses). */
    driverMinResponses: z.number().int().min(2).default(10),
    /** Confidence of the intervals shown. */
    confidence: z.number().gt(0.5).lt(1).default(0.95),
  })
  .strict();

export type TargetsConfig = z.output<typeof targetsSchema>;
export type ScoresConfig = z.output<typeof scoresSchema>;
