import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { PipelineConfig } from '../config/index.ts';
import type { IngestJobData } from './payloads.ts';

/**
 * Options of every pipeline job: retries with exponential backoff; failed jobs kept for inspection
 * (`painpoint queues`); completed ones trimmed, since their batch is in Postgres by then.
 */
export function pipelineJobOptions(config: Readonly<PipelineConfig>): JobsOptions {
  return {
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: { count: 200, age: 3600 },
    removeOnFail: false,
  };
}

/**
 * The id of a batch's job: its run and number plus a hash of its content, so the same batch enqueued
 * twice is one job, and two different batches that reuse a number (two crawls sharing a run id) are
 * never mistaken for each other. The content comes as parts (strings hashed one after another), so
 * no batch is serialized whole only to be hashed. BullMQ reserves ':' in custom ids.
 */
export function batchJobId(runId: string, batchNo: number, content: Iterable<string | undefined>): string {
  const hash = createHash('sha256');
  // A separator no part holds, so ['ab', 'c'] and ['a', 'bc'] hash apart.
  for (const part of content) hash.update(part ?? '\u0001').update('\u0000');
  return `${runId.replace(/:/gu, '_')}-${batchNo}-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * What identifies an ingest batch's content: each record's id, text and line; a record without an
 * id of its own (its id is derived from all its fields) or without a plain text (a chat's turns)
 * whole, as JSON; and the rows a reader rejected.
 */
export function* ingestContent(data: Pick<IngestJobData, 'entries' | 'rejected'>): Generator<string | undefined> {
  for (const { record, origin } of data.entries) {
    if (typeof record.externalId === 'string' && typeof record.text === 'string') {
      yield record.externalId;
      yield record.text;
    } else {
      yield JSON.stringify(record);
    }
    yield origin?.line === undefined ? undefined : String(origin.line);
  }
  for (const r of data.rejected ?? []) yield `${r.line ?? ''}:${r.reason}:${r.raw ?? ''}`;
}
