import type { CaseRecord } from '../store/cases-repository.ts';
import type { Severity } from '../nlp/types.ts';
import { feedbackPayload, type AlertPayload, type WebhookMessage } from './payload.ts';

/**
 * The `resolution` webhook: a case was closed, so a CRM can send the follow-up satisfaction survey.
 * Signed and delivered like an alert, to the endpoints the alert went to. `id` (and X-Painpoint-Id)
 * is `resolution-<alert id>`.
 */
export interface ResolutionPayload {
  type: 'resolution';
  id: string;
  alert_id: number;
  rule: string;
  severity: Severity;
  feedback: AlertPayload['feedback'] & { author: string | null; order_id: string | null };
  created_at: string;
  due_at: string;
  acknowledged_at: string | null;
  resolved_at: string;
  assignee: string | null;
  note: string | null;
  compensation: { kind: string; amount: number } | null;
  root_cause_id: number | null;
  recurred: boolean;
  /** Working hours from the case's opening to its answer and to its closure. */
  working_hours: { to_acknowledge: number | null; to_resolve: number | null };
  within_deadline: boolean;
}

export function resolutionMessage(c: CaseRecord): WebhookMessage | undefined {
  if (!c.resolvedAt) return undefined;
  const payload: ResolutionPayload = {
    type: 'resolution',
    id: `resolution-${c.id}`,
    alert_id: c.id,
    rule: c.rule,
    severity: c.severity,
    feedback: { ...feedbackPayload(c.feedback), author: c.feedback.author, order_id: c.feedback.orderId },
    created_at: c.createdAt.toISOString(),
    due_at: c.dueAt.toISOString(),
    acknowledged_at: c.acknowledgedAt ? c.acknowledgedAt.toISOString() : null,
    resolved_at: c.resolvedAt.toISOString(),
    assignee: c.assignee,
    note: c.resolutionNote,
    compensation: c.compensation,
    root_cause_id: c.rootCauseId,
    recurred: c.recurred,
    working_hours: { to_acknowledge: c.ackWorkingHours, to_resolve: c.resolveWorkingHours },
    within_deadline: c.acknowledgedAt !== null && c.acknowledgedAt <= c.dueAt,
  };
  return { deliveryId: payload.id, payload };
}
