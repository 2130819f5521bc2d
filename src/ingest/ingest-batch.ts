import { maskPersonalData } from './personal-data.ts';
import type { RecordOrigin } from '../domain/index.ts';
import { ingestRecord, type IngestedItem, type IngestOptions, type IngestResult } from './ingest-record.ts';
import type { Rejection } from './rejection.ts';
import type { IncomingRecord } from './record-schema.ts';

export interface IngestBatchResult {
  /** In the batch's order, repeats included: the ingest job drops repeats, in one step with those stored before (jobs/ingest.ts). */
  items: IngestedItem[];
  rejections: Rejection[];
}

/**
 * Ingests a batch: each record validated, normalized and masked on its own (one bad record rejects
 * only itself).
 */
export function ingestBatch(entries: readonly { record: IncomingRecord; origin?: RecordOrigin | undefined }[], options: IngestOptions): IngestBatchResult {
  const items: IngestedItem[] = [];
  const rejections: Rejection[] = [];
  for (const { record, origin } of entries) {
    const result = ingestGuarded(record, origin ?? {}, options);
    if (!result.ok) {
      rejections.push(result.rejection);
      continue;
    }
    if (result.rejections) rejections.push(...result.rejections);
    items.push(result.item);
  }
  return { items, rejections };
}

/** One record that makes ingest throw (a case no check foresaw) is rejected; the batch goes on. */
function ingestGuarded(record: IncomingRecord, origin: RecordOrigin, options: IngestOptions): IngestResult {
  try {
    return ingestRecord(record, origin, options);
  } catch (err) {
    let raw: string | undefined;
    try {
      raw = JSON.stringify(record)?.slice(0, 4000);
    } catch {
      raw = undefined;
    }
    if (raw && options.maskPersonalData) raw = maskPersonalData(raw).text;
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, rejection: { reason: 'ingest_failed', message, source: String(record.source), file: origin.file, line: origin.line, raw } };
  }
}
