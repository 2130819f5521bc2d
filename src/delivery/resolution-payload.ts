import type { CaseRecord } from '../store/cases-repository.ts';
import { feedbackPayload, type ResolutionPayload, type WebhookMessage } from './payload.ts';

/** The `resolution` webhook of a closed case (see ResolutionPayload); none while the case is open. */
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
