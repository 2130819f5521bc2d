/**
 * What the jobs of each stage carry. Every job is a batch of one run (an import or a crawl),
 * numbered within it; the same (run, batch) keeps its number through every stage, so a job id
 * derived from it makes a repeated enqueue harmless and lets the store stage tick the batch off.
 */
import type { IncomingRecord, IngestedItem, Rejection } from '../ingest/index.ts';
import type { Analysis } from '../nlp/types.ts';
import type { RecordOrigin } from '../domain/index.ts';
import type { Lane } from './lanes.ts';

export interface BatchRef {
  /** The import or crawl run; stored items carry it as `feedback.import_id`. */
  runId: string;
  batchNo: number;
  /** Records the batch brought into ingest (items + in-batch repeats + rejections). */
  records: number;
  /** Its priority at every stage (lanes.ts): `bulk` for an import's batches after the first. */
  lane?: Lane | undefined;
}

export interface IngestEntry {
  record: IncomingRecord;
  origin?: RecordOrigin | undefined;
}

export interface IngestJobData extends BatchRef {
  entries: IngestEntry[];
  /** The file every entry came from (an import): their origins then carry only the line. */
  file?: string | undefined;
  /** Records a reader could not even parse (a broken CSV row): rejected as they are. */
  rejected?: Rejection[] | undefined;
  /** Move posted_at by whole days (demo data replayed as recent). */
  shiftDays?: number | undefined;
}

export interface AnalyzedItem extends IngestedItem {
  analysis: Analysis;
}

export interface StoreJobData extends BatchRef {
  items: AnalyzedItem[];
}

export interface StageResult {
  items: number;
  ms: number;
}
