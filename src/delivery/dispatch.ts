import type { PipelineContext } from '../pipeline/context.ts';
import * as alerts from '../store/alerts-repository.ts';
import { withTransaction } from '../store/pool.ts';
import { routesChangedAt } from '../store/delivery-endpoints-repository.ts';
import { deploymentOf, routes as registeredRoutes } from './endpoint-registry.ts';
import { endpointAccepts } from './endpoints.ts';
import { sweepOperationalAlerts } from './operational.ts';
import { dispatchResolutions } from './resolutions.ts';
import { deliveryRuntime, enqueueDeliveries, type DeliverJob } from './runtime.ts';

/**
 * The outbox's other half. The store transaction commits alerts as `pending`; right after, this
 * routes them: which endpoints each goes to, and whether it goes now or in a storm digest; then it
 * enqueues one delivery job per alert and endpoint. Job ids are derived, so a repeat is harmless, and
 * the periodic sweep (`sweepDeliveries`) routes whatever a crash left pending.
 *
 * Storm control, per rule and source: the first non-critical alert of a quiet period goes out at
 * once and opens a window (`delivery.digestWindowSeconds`); alerts of the same rule and source
 * arriving while it is open are held and go out together as one digest when it closes. A window
 * that held nothing sends nothing. `critical` alerts are never held or grouped, and their jobs run
 * in the critical lane.
 *
 * Routes come from the database (endpoint-registry.ts), the same in every process. An alert no
 * endpoint accepts becomes `unrouted` (logged, counted in `alerts list`); the sweep routes it once
 * an endpoint that accepts it is registered.
 */
export async function dispatchAlerts(ctx: PipelineContext, alertIds: readonly (number | string)[]): Promise<void> {
  const ids = [...new Set(alertIds.map(Number))];
  if (ids.length === 0) return;
  const routes = await registeredRoutes(ctx);
  const windowSeconds = ctx.config.delivery.digestWindowSeconds;
  const jobs: DeliverJob[] = [];
  const unrouted: { id: number; rule: string; source: string }[] = [];
  await withTransaction(ctx.pool, async (client) => {
    const locked = await alerts.lockForDispatch(client, ids);
    const decided: { id: number; targets: string[]; digestId: number | null }[] = [];
    for (const r of locked) {
      if (r.status !== 'pending' && r.status !== 'unrouted') continue;
      const lane = r.severity === 'critical' ? 'critical' : 'normal';
      if (r.dispatchedAt && r.status === 'pending') {
        // Routed before (a retried store job, the sweep): enqueue again what is still owed.
        if (r.digestId === null) for (const t of owed(r.targets, r.deliveredTo)) jobs.push({ data: { kind: 'alert', id: r.id, endpoint: t }, round: r.retries, lane });
        continue;
      }
      const targets = routes.filter((e) => endpointAccepts(e, r)).map((e) => e.name);
      if (targets.length === 0) {
        if (r.status !== 'unrouted') unrouted.push({ id: r.id, rule: r.rule, source: r.source });
        decided.push({ id: r.id, targets, digestId: null });
        continue;
      }
      let digestId: number | null = null;
      if (r.severity !== 'critical' && windowSeconds > 0) {
        const opened = await alerts.openDigest(client, { rule: r.rule, source: r.source, openerId: r.id, windowSeconds });
        if (opened) jobs.push({ data: { kind: 'flush-digest', id: opened.id }, delay: opened.closesAt.getTime() - Date.now() });
        else digestId = await alerts.findOpenDigest(client, r.rule, r.source);
      }
      decided.push({ id: r.id, targets, digestId });
      if (digestId === null) for (const t of targets) jobs.push({ data: { kind: 'alert', id: r.id, endpoint: t }, round: r.retries, lane });
    }
    await alerts.markDispatched(client, decided);
  });
  if (unrouted.length > 0) {
    const rules = [...new Set(unrouted.map((u) => u.rule))];
    ctx.logger.warn(
      { alerts: unrouted.length, rules, endpoints: routes.map((e) => e.name), deployment: deploymentOf(ctx.config) },
      'alerts unrouted: no endpoint accepts them (status unrouted; they go out once one does, or with `painpoint alerts retry --unrouted`)',
    );
  }
  await enqueueDeliveries(ctx, jobs);
}

function owed(targets: readonly string[] | null, deliveredTo: readonly string[]): string[] {
  return (targets ?? []).filter((t) => !deliveredTo.includes(t));
}

/**
 * A storm window's end: no more alerts join it; those it held go, as one digest per endpoint, to
 * the endpoints that take at least one of them. Runs again harmlessly (the sweep re-enqueues it).
 */
export async function flushDigest(ctx: PipelineContext, digestId: number): Promise<{ items: number; endpoints: string[] }> {
  const routes = await registeredRoutes(ctx);
  const closedNow = await alerts.closeDigest(ctx.pool, digestId);
  const digest = await alerts.getDigest(ctx.pool, digestId);
  if (!digest || (!closedNow && digest.status !== 'sending')) return { items: 0, endpoints: [] };
  const items = await alerts.digestItems(ctx.pool, digestId);
  const facets = items.map((a) => ({ rule: a.rule, severity: a.severity, channel: a.feedback.channel, source: a.feedback.source }));
  const targets = routes.filter((e) => facets.some((f) => endpointAccepts(e, f))).map((e) => e.name);
  // Targets are fixed once; a flush cut short between closing and this line fixes them on its rerun.
  const status = closedNow || digest.targets === null ? await alerts.setDigestTargets(ctx.pool, digestId, targets, items.length) : digest.status;
  if (status !== 'sending') return { items: items.length, endpoints: [] };
  const delivered = await alerts.digestDeliveredTo(ctx.pool, digestId);
  const endpoints = (digest.targets ?? targets).filter((t) => !delivered.includes(t));
  await enqueueDeliveries(ctx, endpoints.map((endpoint) => ({ data: { kind: 'digest', id: digestId, endpoint } })));
  return { items: items.length, endpoints };
}

/**
 * The outbox sweep (a job scheduler runs it): alerts still pending a while after they were stored
 * are routed or re-enqueued, `unrouted` alerts are routed again when the routes changed after them
 * (within delivery.maxAgeHours of their item's posting), storm windows past their end are flushed,
 * and operational alerts a crash left unsent are enqueued again. Everything it enqueues
 * has a derived job id, so a delivery already waiting or retrying is not doubled.
 */
export async function sweepDeliveries(ctx: PipelineContext): Promise<{ alerts: number; digests: number; operational: number; resolutions: number }> {
  const grace = ctx.config.delivery.sweepGraceSeconds;
  const changed = await routesChangedAt(ctx.pool, deploymentOf(ctx.config));
  const pending = await alerts.sweepAlerts(ctx.pool, { graceSeconds: grace, routesChangedAt: changed, maxAgeHours: ctx.config.delivery.maxAgeHours });
  for (let i = 0; i < pending.length; i += 200) await dispatchAlerts(ctx, pending.slice(i, i + 200));
  const digests = await alerts.sweepDigests(ctx.pool, grace);
  for (const d of digests) await flushDigest(ctx, d.id);
  const operational = await sweepOperationalAlerts(ctx);
  const resolutions = await dispatchResolutions(ctx);
  return { alerts: pending.length, digests: digests.length, operational, resolutions };
}
