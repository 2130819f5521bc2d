import { TransientError } from '../errors/index.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import * as alerts from '../store/alerts-repository.ts';
import { freezeBody } from '../store/delivery-payloads-repository.ts';
import { EndpointNotHere, isRegistered } from './endpoint-registry.ts';
import { endpointAccepts, maxSeverity, type Endpoint } from './endpoints.ts';
import { FORMATS } from './formats/index.ts';
import { postWebhook } from './http-post.ts';
import { resolutionMessage } from './resolution-payload.ts';
import { getCase } from '../store/cases-repository.ts';
import { alertMessage, digestMessage, escalationMessage, operationalMessage, type WebhookMessage } from './payload.ts';
import { deliveryRuntime } from './runtime.ts';
import { WebhookTargetRefused } from './url-guard.ts';

export interface SendTask {
  kind: alerts.DeliveryKind;
  id: number;
  endpoint: string;
  /** 1 for the first try. */
  attempt: number;
  /** The job's attempt budget: the last one that fails marks the subject `failed`. */
  maxAttempts: number;
}

export type SendOutcome = { sent: true; status: number } | { sent: false; reason: string };

/**
 * One POST of one subject to one endpoint, logged in alert_deliveries. A non-2xx answer, a timeout
 * or an unreachable host throws a retryable error (the job backs off and tries again); the last
 * attempt marks the subject `failed` first. A target the allowlist refuses is not retried.
 * The payload is frozen at the first send (delivery_payloads): every retry, later round and
 * re-send of one X-Painpoint-Id to one endpoint carries the same body; only the signature time moves.
 * The log line names the endpoint, never its URL (bot URLs carry keys) or headers.
 */
export async function sendDelivery(ctx: PipelineContext, task: SendTask): Promise<SendOutcome> {
  const runtime = deliveryRuntime(ctx.config);
  const endpoint = runtime.endpoint(task.endpoint);
  if (!endpoint) {
    // Routed to by the others but unknown here: the job goes back for a worker that knows it.
    if (await isRegistered(ctx, task.endpoint)) throw new EndpointNotHere(task.endpoint);
    await giveUp(ctx, task, `endpoint "${task.endpoint}" is no longer configured`);
    return { sent: false, reason: 'endpoint removed from config' };
  }
  const live = await buildMessage(ctx, task, endpoint);
  if (!live) return { sent: false, reason: 'nothing to send' };
  const frozen = await freezeBody(ctx.pool, live.deliveryId, endpoint.name, JSON.stringify(live.payload));
  const message: WebhookMessage = { deliveryId: live.deliveryId, payload: JSON.parse(frozen) };

  const format = FORMATS[endpoint.format];
  const request = format.render(message, endpoint, new Date());
  const log = { kind: task.kind, subject: message.deliveryId, endpoint: endpoint.name, attempt: task.attempt };
  let status: number | null = null;
  let durationMs: number | null = null;
  let error: string | null = null;
  try {
    const answer = await postWebhook(request, { allowlist: runtime.allowlist, timeoutMs: ctx.config.delivery.timeoutMs });
    status = answer.status;
    durationMs = answer.durationMs;
    const verdict = format.verdict(answer.status, answer.body);
    if (!verdict.ok) error = verdict.error;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    if (err instanceof WebhookTargetRefused) {
      await record(ctx, task, false, null, error, null);
      await alerts.failDelivery(ctx.pool, task.kind, task.id);
      ctx.logger.error({ ...log, err: error }, 'webhook target refused');
      throw err;
    }
  }
  await record(ctx, task, error === null, status, error, durationMs);
  if (error === null) {
    await alerts.completeDelivery(ctx.pool, task.kind, task.id);
    ctx.logger.info({ ...log, status, ms: Math.round(durationMs ?? 0) }, 'webhook delivered');
    return { sent: true, status: status! };
  }
  const last = task.attempt >= task.maxAttempts;
  if (last) await alerts.failDelivery(ctx.pool, task.kind, task.id);
  ctx.logger.warn({ ...log, status, err: error, last }, last ? 'webhook failed; giving up' : 'webhook failed; will retry');
  throw new TransientError('WEBHOOK_FAILED', `${endpoint.name}: ${error}`);
}

function record(ctx: PipelineContext, task: SendTask, ok: boolean, statusCode: number | null, error: string | null, durationMs: number | null) {
  return alerts.recordDelivery(ctx.pool, { kind: task.kind, subjectId: task.id, endpoint: task.endpoint, attempt: task.attempt, ok, statusCode, error, durationMs });
}

async function giveUp(ctx: PipelineContext, task: SendTask, error: string): Promise<void> {
  await record(ctx, task, false, null, error, null);
  await alerts.failDelivery(ctx.pool, task.kind, task.id);
  ctx.logger.error({ kind: task.kind, id: task.id, endpoint: task.endpoint, err: error }, 'webhook not sent');
}

/** The message as it stands now; what goes out is the one frozen at the first send. */
async function buildMessage(ctx: PipelineContext, task: SendTask, endpoint: Endpoint): Promise<WebhookMessage | undefined> {
  const options = { publicUrl: ctx.config.delivery.api.publicUrl, digestMaxItems: ctx.config.delivery.digestMaxItems };
  switch (task.kind) {
    case 'alert': {
      const alert = await alerts.getAlert(ctx.pool, task.id);
      return alert && alertMessage(alert, options);
    }
    case 'escalation': {
      const alert = await alerts.getAlert(ctx.pool, task.id);
      // Acknowledged while the escalation waited: nobody needs reminding.
      if (!alert || alert.acknowledgedAt) return undefined;
      return escalationMessage(alert, options);
    }
    case 'digest': {
      const digest = await alerts.getDigest(ctx.pool, task.id);
      if (!digest) return undefined;
      const items = (await alerts.digestItems(ctx.pool, task.id)).filter((a) =>
        endpointAccepts(endpoint, { rule: a.rule, severity: a.severity, channel: a.feedback.channel, source: a.feedback.source }),
      );
      if (items.length === 0) return undefined;
      return digestMessage({ ...digest, items }, maxSeverity(items.map((a) => a.severity)), options);
    }
    case 'resolution': {
      const closed = await getCase(ctx.pool, task.id);
      return closed && resolutionMessage(closed);
    }
    case 'operational': {
      const op = await alerts.getOperational(ctx.pool, task.id);
      return op && operationalMessage(op);
    }
  }
}
