import { TransientError } from '../errors/index.ts';
import { timeDelivery } from '../metrics/registry.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import type { Endpoint } from './endpoints.ts';
import { FORMATS } from './formats/index.ts';
import { postWebhook } from './http-post.ts';
import type { WebhookMessage } from './payload.ts';
import type { HostAllowlist } from './url-guard.ts';
import { WebhookTargetRefused } from './url-guard.ts';

export type SendOutcome = { sent: true; status: number } | { sent: false; reason: string };

/** Where one attempt's outcome is kept: alert_deliveries and the subject's status, or a finding's row. */
export interface AttemptRecord {
  delivered(status: number, durationMs: number): Promise<void>;
  /** `last`: no attempt follows (the attempt budget is spent, or the target is refused). */
  failed(error: string, status: number | null, durationMs: number | null, last: boolean): Promise<void>;
}

export interface DeliveryAttempt {
  endpoint: Endpoint;
  allowlist: HostAllowlist;
  message: WebhookMessage;
  /** 1 for the first try, and the job's attempt budget. */
  attempt: number;
  maxAttempts: number;
  /** What is delivered (alert, digest, metric …): the label of its timing and failures. */
  kind: string;
  /** What the log lines name the subject by (never the endpoint's URL or headers: bot URLs carry keys). */
  log: Record<string, unknown>;
  record: AttemptRecord;
}

/**
 * One POST of one message to one endpoint in the endpoint's format, for every kind of subject
 * (alerts, digests, escalations, operational alerts, resolutions, metric findings). A non-2xx
 * answer, a timeout or an unreachable host throws a retryable error (the job backs off and tries
 * again), the last attempt recorded as the last first. A target the allowlist refuses is not retried.
 */
export function attemptDelivery(ctx: PipelineContext, a: DeliveryAttempt): Promise<SendOutcome> {
  // Timed here, where the POST is: a job handed back to another worker posts nothing and is not timed.
  return timeDelivery({ endpoint: a.endpoint.name, kind: a.kind }, () => attemptOnce(ctx, a));
}

async function attemptOnce(ctx: PipelineContext, a: DeliveryAttempt): Promise<SendOutcome> {
  const format = FORMATS[a.endpoint.format];
  const request = format.render(a.message, a.endpoint, new Date());
  const log = { kind: a.kind, ...a.log, endpoint: a.endpoint.name, attempt: a.attempt };
  let status: number | null = null;
  let durationMs: number | null = null;
  let error: string | undefined;
  try {
    const answer = await postWebhook(request, { allowlist: a.allowlist, timeoutMs: ctx.config.delivery.timeoutMs });
    status = answer.status;
    durationMs = answer.durationMs;
    const verdict = format.verdict(answer.status, answer.body);
    if (!verdict.ok) error = verdict.error;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    if (err instanceof WebhookTargetRefused) {
      await a.record.failed(error, null, null, true);
      ctx.logger.error({ ...log, err: error }, 'webhook target refused');
      throw err;
    }
  }
  if (error === undefined) {
    // Outside the try: the endpoint has the message, so a failure to record that is the store's
    // error (the job retries it), never a failed webhook.
    await a.record.delivered(status!, durationMs!);
    ctx.logger.info({ ...log, status, ms: Math.round(durationMs!) }, 'webhook delivered');
    return { sent: true, status: status! };
  }
  const last = a.attempt >= a.maxAttempts;
  await a.record.failed(error, status, durationMs, last);
  ctx.logger.warn({ ...log, status, err: error, last }, last ? 'webhook failed; giving up' : 'webhook failed; will retry');
  throw new TransientError('WEBHOOK_FAILED', `${a.endpoint.name}: ${error}`);
}
