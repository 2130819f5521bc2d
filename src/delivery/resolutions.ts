import type { PipelineContext } from '../pipeline/context.ts';
import { markResolutionDispatched, resolutionsOwed } from '../store/cases-repository.ts';
import { routes } from './endpoint-registry.ts';
import { filtersTake, type AlertFacets, type EndpointRoute } from './endpoints.ts';
import { enqueueDeliveries, type DeliverJob } from './runtime.ts';

/**
 * The resolution webhook's outbox: a resolved case owes one `resolution` delivery to each endpoint
 * that receives resolutions (`receives: [resolutions]`, opt-in) and whose rule, severity, channel
 * and source filters take the case. Enqueued right after resolving where the caller has the queues,
 * and by the delivery sweep otherwise (so a caller without the queues loses none). Job
 * ids are derived, so enqueuing twice sends once; cases are marked only after their jobs are queued.
 */
export function endpointAcceptsResolution(endpoint: EndpointRoute, facets: AlertFacets): boolean {
  return endpoint.receives.includes('resolutions') && filtersTake(endpoint, facets);
}

export async function dispatchResolutions(ctx: PipelineContext, ids: readonly number[] | null = null): Promise<number> {
  const owed = await resolutionsOwed(ctx.pool, ids);
  if (owed.length === 0) return 0;
  // The deployment's routes, as alerts are routed: not only the endpoints this process is configured with.
  const endpoints = await routes(ctx);
  const jobs: DeliverJob[] = owed.flatMap((c) =>
    endpoints.filter((e) => endpointAcceptsResolution(e, c)).map((e) => ({ data: { kind: 'resolution' as const, id: c.id, endpoint: e.name } })),
  );
  await enqueueDeliveries(ctx, jobs);
  await markResolutionDispatched(ctx.pool, owed.map((c) => c.id));
  return owed.length;
}
