import type { PipelineContext } from '../src/pipeline/context.ts';

/**
 * Hands the alerts a store transaction created to delivery. The alerts are already committed as
 * `pending` rows (the outbox), so nothing is lost if this does nothing: delivery picks pending rows up.
 */
export async function dispatchStoredAlerts(_ctx: PipelineContext, _alertIds: readonly (number | string)[]): Promise<void> {
  // Delivery (src/delivery/dispatch.ts) is wired here once it exists.
}
