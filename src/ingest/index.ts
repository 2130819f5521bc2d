export { FIELD_ALIASES, parseFieldMap, type FieldMap, type CanonicalField } from './fields.ts';
export { recordFromRow, type RowContext } from './from-row.ts';
export { ingestRecord, MAX_TEXT_LENGTH, type IngestedItem, type IngestOptions, type IngestResult, type Rejection } from './ingest-record.ts';
export { ingestBatch, type IngestBatchResult } from './ingest-batch.ts';
export { maskPersonalData, MASKS, type MaskResult } from './personal-data.ts';
export { parsePostedAt, isTimeZone } from './posted-at.ts';
export { parseRating } from './rating.ts';
export type { IncomingRecord } from './record-schema.ts';
export { describedRejection, escapeUnstorable, findUnsafeText, findUnstorable, MAX_REJECTED_RAW, unstorableRejection, type ContentProblem } from './storable.ts';
