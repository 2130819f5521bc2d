import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FieldMap, Rejection } from '../../ingest/index.ts';
import { describedRejection, recordFromRow, unstorableRejection } from '../../ingest/index.ts';
import type { PipelineContext } from '../../pipeline/context.ts';
import type { IngestEntry, IngestJobData } from '../../pipeline/payloads.ts';
import { BATCH_STAGES, laneStage } from '../../pipeline/lanes.ts';
import { addIngestJobs } from '../../pipeline/producers.ts';
import { finishReading, startImportRun } from '../../store/import-runs-repository.ts';
import type { Channel } from '../../domain/index.ts';
import { InputError } from '../../errors/index.ts';
import { FIELD_ALIASES } from '../../ingest/index.ts';
import { inputName } from '../files/index.ts';
import { openRows, type SourceRow } from './row-sources.ts';

export interface ImportOptions {
  file: string;
  channel: Channel;
  /** The `source` of every record (default: the file's name without its extension). */
  source: string;
  map?: FieldMap | undefined;
  /** Move posted_at by whole days (the demo replays its samples as recent). */
  shiftDays?: number | undefined;
  /** Called now and then with the records read so far. */
  onProgress?: ((read: number) => void) | undefined;
  runId?: string | undefined;
}

export interface ImportResult {
  runId: string;
  read: number;
  batches: number;
}

/**
 * Streams a file into the ingest queue: rows read one at a time, mapped to records, enqueued in
 * batches. Reading pauses while the bulk lane holds `maxQueuedBatches` batches waiting or in work at its
 * stages, so a 1 GB file never sits in memory or in the queues at once, and reading goes at the pace
 * of analysis instead of racing it for the CPU. A row the reader cannot parse becomes a rejection
 * riding with its batch; the rest go on.
 */
export async function importFile(ctx: PipelineContext, options: ImportOptions): Promise<ImportResult> {
  const runId = options.runId ?? `import-${randomUUID()}`;
  const { batchSize, maxQueuedBatches } = ctx.config.pipeline;
  // Opened first: an unknown file type, an empty file or a header without a text column is refused
  // before a run is recorded.
  let header: readonly string[] | undefined;
  const rows = openRows(options.file, {
    onHeader: (columns) => {
      header = columns;
      checkTextColumn(columns, options);
    },
  })[Symbol.asyncIterator]();
  const first = await rows.next();
  if (first.done) throw new InputError(header ? `has a header (${header.join(', ')}) but no rows: nothing to import` : 'is empty: nothing to import', { file: inputName(options.file) });
  await startImportRun(ctx.pool, { id: runId, channel: options.channel, source: options.source, file: options.file });
  // Batches after the first travel the bulk lane: that is where back-pressure is felt. Counted at
  // every stage, not at ingest alone: ingest keeps up with reading while analysis does not, so the
  // whole file would pile up before analysis, read at full speed beside the pipeline (and a
  // critical review waiting behind that reading for the CPU).
  const bulkQueues = BATCH_STAGES.map((stage) => ctx.queues.queue(laneStage(stage, 'bulk')));
  const context = { channel: options.channel, source: options.source, map: options.map };

  let read = 0;
  let batchNo = 0;
  let entries: IngestEntry[] = [];
  let rejected: Rejection[] = [];
  const flush = async () => {
    if (entries.length === 0 && rejected.length === 0) return;
    await waitForRoom();
    const job: IngestJobData = { runId, batchNo: batchNo++, records: entries.length + rejected.length, entries, file: options.file, shiftDays: options.shiftDays };
    if (rejected.length > 0) job.rejected = rejected;
    await addIngestJobs(ctx, [job]);
    entries = [];
    rejected = [];
  };
  const waitForRoom = async () => {
    for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
      // In work too: an ingest job analyses its batch, long enough for several more to be read.
      const counts = await Promise.all(bulkQueues.map((queue) => queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active')));
      const queued = counts.reduce((sum, c) => sum + (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) + (c.active ?? 0), 0);
      if (queued < maxQueuedBatches) return;
      await sleep(delay);
    }
  };

  try {
    for (let next: IteratorResult<SourceRow> = first; !next.done; next = await rows.next()) {
      const row = next.value;
      read++;
      addRow(row);
      if (entries.length + rejected.length >= batchSize) await flush();
      if (read % 1000 === 0) options.onProgress?.(read);
    }
  } finally {
    // A failed enqueue leaves the reader mid-file: close it.
    await rows.return?.();
  }
  await flush();
  options.onProgress?.(read);
  await finishReading(ctx.pool, runId, read, batchNo);
  return { runId, read, batches: batchNo };

  function addRow(row: SourceRow) {
    if ('error' in row) {
      reject(row.reason ?? 'malformed_row', row.error, row.line, row.raw, row.field);
      return;
    }
    const unstorable = unstorableRejection(row.fields, { source: options.source, file: options.file, line: row.line, raw: () => JSON.stringify(row.fields) });
    if (unstorable) {
      rejected.push(unstorable);
      return;
    }
    entries.push({ record: recordFromRow(row.fields, context), origin: { line: row.line } });
  }

  function reject(reason: string, message: string, line: number, raw: string | undefined, field?: string) {
    rejected.push(describedRejection({ reason, message, field, source: options.source, file: options.file, line, raw }));
  }
}

/**
 * A header in which no column can be the text (nor, for chat, the turns) would reject every row:
 * refused at once, saying which columns there are and how to name the right one.
 */
export function checkTextColumn(columns: readonly string[], options: Pick<ImportOptions, 'file' | 'channel' | 'map'>): void {
  const have = new Set(columns.map((c) => c.trim().toLowerCase()));
  const file = inputName(options.file);
  const mapped = options.map?.text;
  if (mapped !== undefined) {
    if (!columns.includes(mapped) && !have.has(mapped.toLowerCase())) throw new InputError(`--map text=${mapped}: no such column (the header has ${columns.join(', ')})`, { file });
    return;
  }
  const names: readonly string[] = options.channel === 'chat' ? [...FIELD_ALIASES.text, ...FIELD_ALIASES.turns] : FIELD_ALIASES.text;
  if (names.some((n) => have.has(n.toLowerCase()))) return;
  throw new InputError(`no text column: the header has ${columns.join(', ')}, and the text is looked for in ${names.join(', ')}; name yours with --map text=COLUMN`, { file });
}
