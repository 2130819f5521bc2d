import { TransientError } from '../errors/index.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { getMetricAlert, markMetricAttemptFailed, markMetricDelivered } from '../store/metric-alerts-repository.ts';
import { FORMATS } from './formats/index.ts';
import { postWebhook } from './http-post.ts';
import { metricPayload } from './metric-payload.ts';
import { deliveryRuntime } from './runtime.ts';
import { WebhookTargetRefused } from './url-guard.ts';

export interface MetricSendTask {
  id: number;
  endpoint: string;
  attempt: number;
  maxAttempts: number;
}

/**
 * One POST of a metric finding to one endpoint, in the endpoint's format (signed painpoint JSON, or
 * a WeCom / DingTalk / Feishu bot message). A failure throws a retryable error (the job backs off);
 * the last attempt marks the finding `failed`. Logs name the endpoint, never its URL.
 */
export async function sendMetricAlert(ctx: PipelineContext, task: MetricSendTask): Promise<{ sent: boolean; status?: number }> {
  const runtime = deliveryRuntime(ctx.config);
  const endpoint = runtime.endpoint(task.endpoint);
  const alert = await getMetricAlert(ctx.pool, task.id);
  if (!alert || alert.deliveredTo.includes(task.endpoint)) return { sent: false };
  const log = { metricAlert: task.id, monitor: alert.monitor, endpoint: task.endpoint, attempt: task.attempt };
  if (!endpoint) {
    await markMetricAttemptFailed(ctx.pool, task.id, `endpoint "${task.endpoint}" is no longer configured`, true);
    ctx.logger.error(log, 'metric webhook not sent: endpoint removed from config');
    return { sent: false };
  }
  const payload = metricPayload(alert);
  const format = FORMATS[endpoint.format];
  const request = format.render({ deliveryId: payload.id, payload }, endpoint, new Date());
  let error: string;
  try {
    const answer = await postWebhook(request, { allowlist: runtime.allowlist, timeoutMs: ctx.config.delivery.timeoutMs });
    const verdict = format.verdict(answer.status, answer.body);
    if (verdict.ok) {
      await markMetricDelivered(ctx.pool, task.id, task.endpoint);
      ctx.logger.info({ ...log, status: answer.status, ms: Math.round(answer.durationMs) }, 'metric webhook delivered');
      return { sent: true, status: answer.status };
    }
    error = verdict.error;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    if (err instanceof WebhookTargetRefused) {
      await markMetricAttemptFailed(ctx.pool, task.id, error, true);
      ctx.logger.error({ ...log, err: error }, 'metric webhook target refused');
      throw err;
    }
  }
  const last = task.attempt >= task.maxAttempts;
  await markMetricAttemptFailed(ctx.pool, task.id, error, last);
  ctx.logger.warn({ ...log, err: error, last }, last ? 'metric webhook failed; giving up' : 'metric webhook failed; will retry');
  throw new TransientError('WEBHOOK_FAILED', `${endpoint.name}: ${error}`);
}
