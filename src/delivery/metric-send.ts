import type { PipelineContext } from '../pipeline/context.ts';
import { getMetricAlert, markMetricAttemptFailed, markMetricDelivered } from '../store/metric-alerts-repository.ts';
import { attemptDelivery, type SendOutcome } from './attempt.ts';
import { jobEndpoint } from './endpoint-registry.ts';
import { metricPayload } from './metric-payload.ts';
import { deliveryRuntime } from './runtime.ts';

export interface MetricSendTask {
  id: number;
  endpoint: string;
  attempt: number;
  maxAttempts: number;
}

/**
 * One POST of a metric finding to one endpoint (attemptDelivery), in the endpoint's format (signed
 * painpoint JSON, or a WeCom / DingTalk / Feishu bot message); the outcome is kept on the finding's
 * row, the last failed attempt marking it `failed`. The monitor job hands it back where the
 * endpoint is only other workers' (EndpointNotHere), as alert deliveries are.
 */
export async function sendMetricAlert(ctx: PipelineContext, task: MetricSendTask): Promise<SendOutcome> {
  const alert = await getMetricAlert(ctx.pool, task.id);
  if (!alert) return { sent: false, reason: 'nothing to send' };
  if (alert.deliveredTo.includes(task.endpoint)) return { sent: false, reason: 'already delivered' };
  const known = await jobEndpoint(ctx, task.endpoint);
  if ('removed' in known) {
    await markMetricAttemptFailed(ctx.pool, task.id, known.removed, true);
    ctx.logger.error({ kind: 'metric', subject: task.id, monitor: alert.monitor, endpoint: task.endpoint, err: known.removed }, 'webhook not sent');
    return { sent: false, reason: 'endpoint removed from config' };
  }
  const { endpoint } = known;
  const payload = metricPayload(alert);
  return attemptDelivery(ctx, {
    endpoint,
    allowlist: deliveryRuntime(ctx.config).allowlist,
    message: { deliveryId: payload.id, payload },
    attempt: task.attempt,
    maxAttempts: task.maxAttempts,
    kind: 'metric',
    log: { subject: payload.id, monitor: alert.monitor },
    record: {
      delivered: () => markMetricDelivered(ctx.pool, task.id, task.endpoint),
      failed: (error, _status, _ms, last) => markMetricAttemptFailed(ctx.pool, task.id, error, last),
    },
  });
}
