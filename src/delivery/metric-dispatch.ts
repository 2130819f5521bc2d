import type { MonitorConfig } from '../config/schema/monitors.ts';
import { enqueueMetricSends } from './metric-jobs.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { routeMetricAlert, sentWithin, unsentMetricAlerts, type MetricAlertStatus } from '../store/metric-alerts-repository.ts';
import { endpointAcceptsMetrics } from './endpoints.ts';
import { routes } from './endpoint-registry.ts';

/**
 * Sends a new finding to the endpoints that receive metrics, unless the same monitor raised the same
 * topic and scope within its cool-down (then it is kept as `suppressed`: on record, not sent).
 * Without such an endpoint it is `unrouted`.
 */
export async function dispatchMetricAlert(
  ctx: PipelineContext,
  id: number,
  finding: { monitor: string; topic: string | null; scope: Record<string, string> },
  monitor: Pick<MonitorConfig, 'cooldown'>,
): Promise<MetricAlertStatus> {
  const cooldown = monitor.cooldown ?? ctx.config.monitors.cooldown;
  const key = { monitor: finding.monitor, topic: finding.topic ?? '', scope: finding.scope };
  if (await sentWithin(ctx.pool, key, cooldown, id)) {
    await routeMetricAlert(ctx.pool, id, [], 'suppressed');
    return 'suppressed';
  }
  // The deployment's routes, as alerts are routed: not only the endpoints this process is configured with.
  const targets = (await routes(ctx)).filter(endpointAcceptsMetrics).map((e) => e.name);
  const status: MetricAlertStatus = targets.length === 0 ? 'unrouted' : 'pending';
  await routeMetricAlert(ctx.pool, id, targets, status);
  await enqueueMetricSends(ctx, id, targets);
  return status;
}

/** Findings a crash left recorded but not enqueued: enqueued again (job ids make it harmless). */
export async function sweepMetricAlerts(ctx: PipelineContext): Promise<number> {
  const owed = await unsentMetricAlerts(ctx.pool, ctx.config.delivery.sweepGraceSeconds);
  for (const o of owed) await enqueueMetricSends(ctx, o.id, o.endpoints);
  return owed.length;
}
