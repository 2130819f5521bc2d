import { z } from 'zod';
import { ALERT_RULE_SEVERITY, type AlertRuleId } from '../../nlp/types.ts';

const severity = z.enum(['low', 'medium', 'high', 'critical']);
const ruleIds = Object.keys(ALERT_RULE_SEVERITY) as [AlertRuleId, ...AlertRuleId[]];

/** One rule: its keywords and, optionally, a severity other than the rule's default. */
export const alertRuleSchema = z.object({
  severity: severity.optional(),
  keywords: z.array(z.string().trim().min(1, 'a keyword must not be empty')).default([]),
  cooccur: z.array(z.array(z.string().trim().min(1)).min(2, 'a co-occurrence group needs at least two words')).default([]),
}).strict();

/**
 * `config/alerts.yaml`: the eight fixed rules, each with its keywords. Rules beyond the eight may be
 * added (their severity is then required).
 */
export const alertsSchema = z
  .object({
    rules: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a rule id is lower_snake_case'), alertRuleSchema)
      .superRefine((rules, ctx) => {
        for (const id of ruleIds) {
          if (!rules[id]) ctx.addIssue({ code: 'custom', path: [id], message: `the rule "${id}" is missing (the eight rules are fixed)` });
        }
        for (const [id, rule] of Object.entries(rules)) {
          if (rule.keywords.length === 0 && rule.cooccur.length === 0) ctx.addIssue({ code: 'custom', path: [id, 'keywords'], message: 'needs at least one keyword or co-occurrence group' });
          if (!(id in ALERT_RULE_SEVERITY) && !rule.severity) ctx.addIssue({ code: 'custom', path: [id, 'severity'], message: 'a rule of your own needs a severity' });
        }
      }),
  })
  .strict();

export type AlertsFile = z.output<typeof alertsSchema>;
