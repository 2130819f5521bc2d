import type { JobsOptions } from 'bullmq';
import type { Config } from '../config/index.ts';
import type { PipelineContext } from '../pipeline/context.ts';
import { laneOptions, type Lane } from '../pipeline/lanes.ts';
import type { DeliveryKind } from '../store/alerts-repository.ts';
import { resolveDeliveryTargets, type DeliveryTargets, type Endpoint } from './endpoints.ts';

/** What one job on the deliver queue carries: a subject to send to one endpoint, or a chore. */
export type DeliverJobData =
  | { kind: DeliveryKind; id: number; endpoint: string }
  | { kind: 'flush-digest'; id: number }
  | { kind: 'sweep' };

export interface DeliveryRuntime extends DeliveryTargets {
  endpoint(name: string): Endpoint | undefined;
}

// Endpoints read their secrets from the environment once per config, not once per job.
const runtimes = new WeakMap<object, DeliveryRuntime>();

export function deliveryRuntime(config: Readonly<Config>, env: NodeJS.ProcessEnv = process.env): DeliveryRuntime {
  let runtime = runtimes.get(config);
  if (!runtime) {
    const targets = resolveDeliveryTargets(config, env);
    const byName = new Map(targets.endpoints.map((e) => [e.name, e]));
    runtime = { ...targets, endpoint: (name) => byName.get(name) };
    runtimes.set(config, runtime);
  }
  return runtime;
}

/**
 * Delivery jobs retry with exponential backoff (attempts and first delay from config: by default 10
 * attempts over about an hour). Failed jobs are kept, so `alerts retry` uses new job ids.
 */
export function deliveryJobOptions(config: Readonly<Config>): JobsOptions {
  return {
    attempts: config.delivery.attempts,
    backoff: { type: 'exponential', delay: config.delivery.backoffMs },
    removeOnComplete: { count: 5000, age: 24 * 3600 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** Job ids derived from subject and endpoint: enqueuing the same delivery twice is one job. */
export function deliverJobId(data: DeliverJobData, round = 0): string {
  switch (data.kind) {
    case 'alert':
      return `alert-${data.id}-${data.endpoint}${round > 0 ? `-r${round}` : ''}`;
    case 'digest':
    case 'escalation':
    case 'resolution':
      return `${data.kind}-${data.id}-${data.endpoint}`;
    case 'operational':
      return `op-${data.id}-${data.endpoint}`;
    case 'flush-digest':
      return `flush-digest-${data.id}`;
    case 'sweep':
      return 'sweep';
  }
}

export interface DeliverJob {
  data: DeliverJobData;
  /** `alerts retry` rounds (alerts only). */
  round?: number;
  /** Milliseconds to wait before it runs (a digest flush waits for its window's end). */
  delay?: number;
  /** `critical` for critical alerts; chores (sweep, flush) have none and run first. */
  lane?: Lane;
}

export async function enqueueDeliveries(ctx: PipelineContext, jobs: readonly DeliverJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const opts = deliveryJobOptions(ctx.config);
  await ctx.queues.queue<DeliverJobData>('deliver').addBulk(
    jobs.map((j) => ({
      name: j.data.kind,
      data: j.data,
      opts: {
        ...opts,
        ...(j.data.kind === 'flush-digest' || j.data.kind === 'sweep' ? {} : laneOptions(j.lane)),
        jobId: deliverJobId(j.data, j.round ?? 0),
        ...(j.delay && j.delay > 0 ? { delay: Math.ceil(j.delay) } : {}),
      },
    })),
  );
}
