/**
 * Kept for src/ingest and src/pipeline/payloads.ts, which still import the feedback record from
 * here; everything else imports it from src/domain, its home.
 */
export { CHANNELS, type Channel, type ChatTurn, type FeedbackRecord, type RecordOrigin } from '../domain/index.ts';
