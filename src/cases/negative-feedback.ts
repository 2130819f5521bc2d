import type { NegativeFeedbackConfig } from '../config/schema/delivery.ts';
import type { AlertHit, Analysis } from '../nlp/types.ts';

/**
 * The `negative_feedback` case: a negative review that fired no keyword rule still deserves an
 * answer within a working day. An item opens one when it matches any condition configured in
 * `delivery.cases.negativeFeedback` (rating at most N, negative document sentiment) and no rule
 * fired on it. The case is an alerts row like any other, so routing, digests and deadlines apply.
 */

export const NEGATIVE_FEEDBACK_RULE = 'negative_feedback';

interface Candidate {
  channel: string;
  text: string;
  rating?: number | undefined;
  analysis: Pick<Analysis, 'sentiment' | 'aspects' | 'alerts'>;
}

const EVIDENCE_MAX = 200;

export function negativeFeedbackHit(item: Candidate, rule: NegativeFeedbackConfig | undefined): AlertHit | undefined {
  if (!rule || item.analysis.alerts.length > 0) return undefined;
  if (rule.channels && !rule.channels.includes(item.channel as never)) return undefined;
  const lowRating = rule.ratingAtMost !== undefined && item.rating !== undefined && item.rating !== null && item.rating <= rule.ratingAtMost;
  const negative = rule.sentiment !== undefined && item.analysis.sentiment.label === rule.sentiment;
  if (!lowRating && !negative) return undefined;
  const clause = item.analysis.aspects.find((a) => a.polarity === 'negative')?.evidence;
  const evidence = clause ?? (item.text.length > EVIDENCE_MAX ? `${item.text.slice(0, EVIDENCE_MAX)}…` : item.text);
  return {
    rule: NEGATIVE_FEEDBACK_RULE,
    severity: rule.severity,
    keyword: lowRating ? `rating ${item.rating}` : 'negative sentiment',
    evidence,
  };
}

/**
 * The alert hits an item raises when stored: its rules' hits, or else its `negative_feedback` case.
 * The store writes these; ingest reads them to choose the batch's lane, so both see the same alerts.
 */
export function alertsRaised(item: Candidate, rule: NegativeFeedbackConfig | undefined): readonly AlertHit[] {
  const caseHit = negativeFeedbackHit(item, rule);
  return caseHit ? [caseHit] : item.analysis.alerts;
}
