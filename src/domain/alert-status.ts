/** Where a case alert stands: in the outbox, sent, given up on, handled by a person, or held back. */
export const ALERT_STATUSES = ['pending', 'delivered', 'failed', 'acknowledged', 'resolved', 'stale', 'unrouted'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
