import type { AlertView, DigestView, OperationalView } from '../domain/index.ts';
import type { Severity } from '../nlp/types.ts';
import type { MetricPayload } from './metric-payload.ts';

/**
 * What webhooks carry. The fields of `AlertPayload` named in the design reference (id, rule,
 * severity, keyword, evidence, feedback{id, channel, source, url, text, posted_at}, due_at) are
 * fixed; `type`, `status`, `created_at` and `links` are additions. `id` always equals the
 * X-Painpoint-Id header: the alert id for an alert, a prefixed id for the other kinds so that a
 * receiver de-duplicating on one key never confuses them.
 */

export interface AlertPayload {
  type: 'alert';
  id: number;
  rule: string;
  severity: Severity;
  keyword: string;
  evidence: string;
  feedback: { id: number; channel: string; source: string; url: string | null; text: string; posted_at: string | null };
  due_at: string;
  created_at: string;
  status: string;
  links: { ack: string; resolve: string } | null;
}

export interface EscalationPayload extends Omit<AlertPayload, 'type' | 'id'> {
  type: 'escalation';
  /** `escalation-<alert id>`; the alert itself is `alert_id`. */
  id: string;
  alert_id: number;
  overdue_seconds: number;
}

export interface DigestPayload {
  type: 'digest';
  /** `digest-<n>`. */
  id: string;
  rule: string;
  severity: Severity;
  source: string;
  /** Alerts held in the window: all of them, even when `items` lists fewer. */
  count: number;
  window: { from: string; to: string };
  items: AlertPayload[];
}

export interface OperationalPayload {
  type: 'operational';
  /** `op-<n>`. */
  id: string;
  kind: string;
  source: string;
  severity: Severity;
  detail: string;
  created_at: string;
}

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

export type WebhookPayload = AlertPayload | EscalationPayload | DigestPayload | OperationalPayload | MetricPayload | ResolutionPayload;

/** One message for one endpoint: the header id and the payload. */
export interface WebhookMessage {
  deliveryId: string;
  payload: WebhookPayload;
}

export interface PayloadOptions {
  /** Base URL of `painpoint serve` for the acknowledge/resolve links; no links without it. */
  publicUrl?: string | undefined;
  digestMaxItems?: number;
  now?: Date;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** The feedback item as every webhook that names one carries it. */
export function feedbackPayload(f: AlertView['feedback']): AlertPayload['feedback'] {
  return { id: f.id, channel: f.channel, source: f.source, url: f.url, text: f.text, posted_at: iso(f.postedAt) };
}

export function alertPayload(alert: AlertView, options: PayloadOptions = {}): AlertPayload {
  const base = options.publicUrl?.replace(/\/+$/, '');
  return {
    type: 'alert',
    id: alert.id,
    rule: alert.rule,
    severity: alert.severity,
    keyword: alert.keyword,
    evidence: alert.evidence,
    feedback: feedbackPayload(alert.feedback),
    due_at: alert.dueAt.toISOString(),
    created_at: alert.createdAt.toISOString(),
    status: alert.status,
    links: base ? { ack: `${base}/alerts/${alert.id}/ack`, resolve: `${base}/alerts/${alert.id}/resolve` } : null,
  };
}

export function alertMessage(alert: AlertView, options: PayloadOptions = {}): WebhookMessage {
  return { deliveryId: String(alert.id), payload: alertPayload(alert, options) };
}

export function escalationMessage(alert: AlertView, options: PayloadOptions = {}): WebhookMessage {
  const now = options.now ?? new Date();
  const { type: _type, id: _id, ...rest } = alertPayload(alert, options);
  const payload: EscalationPayload = {
    ...rest,
    type: 'escalation',
    id: `escalation-${alert.id}`,
    alert_id: alert.id,
    overdue_seconds: Math.max(0, Math.round((now.getTime() - alert.dueAt.getTime()) / 1000)),
  };
  return { deliveryId: payload.id, payload };
}

export function digestMessage(digest: DigestView, severity: Severity, options: PayloadOptions = {}): WebhookMessage {
  const max = options.digestMaxItems ?? 50;
  const payload: DigestPayload = {
    type: 'digest',
    id: `digest-${digest.id}`,
    rule: digest.rule,
    severity,
    source: digest.source,
    count: digest.items.length,
    window: { from: digest.openedAt.toISOString(), to: digest.closesAt.toISOString() },
    items: digest.items.slice(0, max).map((a) => alertPayload(a, options)),
  };
  return { deliveryId: payload.id, payload };
}

export function operationalMessage(op: OperationalView): WebhookMessage {
  const payload: OperationalPayload = {
    type: 'operational',
    id: `op-${op.id}`,
    kind: op.kind,
    source: op.source,
    severity: op.severity,
    detail: op.detail,
    created_at: op.createdAt.toISOString(),
  };
  return { deliveryId: payload.id, payload };
}
