import type { PipelineContext } from '../pipeline/context.ts';
import * as alerts from '../store/alerts-repository.ts';
import { freezeBody } from '../store/delivery-payloads-repository.ts';
import { jobEndpoint } from './endpoint-registry.ts';
import { endpointAccepts, maxSeverity, type Endpoint } from './endpoints.ts';
import { attemptDelivery, type SendOutcome } from './attempt.ts';
import { resolutionMessage } from './resolution-payload.ts';
import { getCase } from '../store/cases-repository.ts';
import { alertMessage, digestMessage, escalationMessage, operationalMessage, type WebhookMessage } from './payload.ts';
import { deliveryRuntime } from './runtime.ts';

export interface SendTask {
  kind: alerts.DeliveryKind;
  id: number;
  endpoint: string;
  /** 1 for the first try. */
  attempt: number;
  /** The job's attempt budget: the last one that fails marks the subject `failed`. */
  maxAttempts: number;
}

/**
 * One POST of one subject to one endpoint (attemptDelivery), logged in alert_deliveries; the last
 * attempt that fails marks the subject `failed`.
 * The payload is frozen at the first send (delivery_payloads): every retry, later round and
 * re-send of one X-Painpoint-Id to one endpoint carries the same body; only the signature time moves.
 */
export async function sendDelivery(ctx: PipelineContext, task: SendTask): Promise<SendOutcome> {
  const known = await jobEndpoint(ctx, task.endpoint);
  if ('removed' in known) {
    await giveUp(ctx, task, known.removed);
    return { sent: false, reason: 'endpoint removed from config' };
  }
  const { endpoint } = known;
  const live = await buildMessage(ctx, task, endpoint);
  if (!live) return { sent: false, reason: 'nothing to send' };
  const frozen = await freezeBody(ctx.pool, live.deliveryId, endpoint.name, JSON.stringify(live.payload));
  const message: WebhookMessage = { deliveryId: live.deliveryId, payload: JSON.parse(frozen) };
  return attemptDelivery(ctx, {
    endpoint,
    allowlist: deliveryRuntime(ctx.config).allowlist,
    message,
    attempt: task.attempt,
    maxAttempts: task.maxAttempts,
    kind: task.kind,
    log: { subject: message.deliveryId },
    record: {
      async delivered(status, durationMs) {
        await record(ctx, task, true, status, null, durationMs);
        await alerts.completeDelivery(ctx.pool, task.kind, task.id);
      },
      async failed(error, status, durationMs, last) {
        await record(ctx, task, false, status, error, durationMs);
        if (last) await alerts.failDelivery(ctx.pool, task.kind, task.id);
      },
    },
  });
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
