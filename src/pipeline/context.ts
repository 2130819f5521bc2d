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
 * What a job processor, a producer or a command needs: built once at start-up by
 * `createPipelineContext` (connection.ts), passed down, closed by `closePipelineContext`.
 */
export interface PipelineContext {
  readonly config: Readonly<Config>;
  readonly pool: pg.Pool;
  readonly queues: QueueKit;
  readonly logger: Logger;
}

export type { QueueOptions };
