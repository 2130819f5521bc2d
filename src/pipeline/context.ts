import type pg from 'pg';
import type { Queue, Worker, Processor, WorkerOptions, QueueOptions } from 'bullmq';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Stage } from './queue-names.ts';

/**
 * The queue backend in use, behind one interface: BullMQ on Redis when REDIS_URL is set, on
 * BullMQ's PostgreSQL backend otherwise. Code that enqueues or processes never asks which.
 * Built by `createQueueKit` (connection.ts); queue names come from `queueName(prefix, stage)`.
 */
export interface QueueKit {
  readonly backend: 'redis' | 'postgres';
  /** The queue of a stage (created once, reused). */
  queue<Data = unknown>(stage: Stage): Queue<Data>;
  /** A worker for a stage's queue. */
  worker<Data = unknown, Result = unknown>(stage: Stage, processor: Processor<Data, Result>, options?: Partial<WorkerOptions>): Worker<Data, Result>;
  /** Closes every queue and worker it made, then its connections. */
  close(): Promise<void>;
}

/**
 * What a job processor or a producer needs: the store and the queues. A command gets one from its
 * application context (`AppContext.pipeline()`, src/app), which opens the queues at that first call;
 * tests and benchmarks build one at once with `createPipelineContext` (connection.ts).
 */
export interface PipelineContext {
  readonly config: Readonly<Config>;
  readonly pool: pg.Pool;
  readonly queues: QueueKit;
  readonly logger: Logger;
}

export type { QueueOptions };
