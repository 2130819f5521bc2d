import { z } from 'zod';

/**
 * What a case was closed with: 免单 (order free, e.g. for a late delivery), 退一赔三 (refund and three
 * times the price, the statutory remedy for food-quality problems), 补发 (re-ship), 券 (coupon),
 * 退款 (refund), other. Amounts in yuan.
 */
export const COMPENSATION_KINDS = ['免单', '退一赔三', '补发', '券', '退款', 'other'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

export const compensationSchema = z
  .object({
    kind: z.enum(COMPENSATION_KINDS),
    amount: z.number().min(0).max(1e9).multipleOf(0.01).default(0),
  })
  .strict();

export type Compensation = z.output<typeof compensationSchema>;

/** `--compensation 退一赔三:89.7` on the command line. */
export function parseCompensation(text: string): Compensation | string {
  const m = /^([^:：]+)(?:[:：]\s*(\d+(?:\.\d{1,2})?))?$/.exec(text.trim());
  if (!m) return `"${text}" is not KIND[:AMOUNT], e.g. 退一赔三:89.7`;
  const result = compensationSchema.safeParse({ kind: m[1]!.trim(), amount: m[2] === undefined ? 0 : Number(m[2]) });
  if (!result.success) return `"${m[1]}" is not a compensation kind (${COMPENSATION_KINDS.join(', ')})`;
  return result.data;
}
