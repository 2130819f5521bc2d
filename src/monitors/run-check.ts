import { dispatchMetricAlert, sweepMetricAlerts } from '../delivery/metric-dispatch.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import type { MetricAlertStatus } from '../store/metric-alerts-repository.ts';
import { checkMonitors, type CheckedFinding } from './check.ts';
import { loadMonitors } from './load-monitors.ts';

export interface RaisedFinding extends CheckedFinding {
  /** What happened to a new finding: pending (sent), suppressed (cool-down) or unrouted. */
  status?: MetricAlertStatus;
}

/**
 * A check as the worker's scheduler and `painpoint monitors check` run it: evaluate every monitor,
 * record the findings, send the new ones, and re-enqueue any a crash left unsent.
 */
export async function runMonitorCheck(ctx: PipelineContext, options: { at?: Date } = {}): Promise<RaisedFinding[]> {
  const { monitors } = loadMonitors(ctx.config);
  const byId = new Map(monitors.map((m) => [m.id, m]));
  const checked = await checkMonitors(ctx.pool, ctx.config, monitors, { at: options.at });
  const out: RaisedFinding[] = [];
  for (const c of checked) {
    const status = c.newId === undefined ? undefined : await dispatchMetricAlert(ctx, c.newId, c.finding, byId.get(c.finding.monitor)!);
    out.push({ ...c, status });
  }
  await sweepMetricAlerts(ctx);
  const raised = out.filter((r) => r.newId !== undefined).length;
  ctx.logger.info({ monitors: monitors.length, findings: out.length, new: raised }, 'monitors checked');
  return out;
}
