export { CHANNELS, CRAWLED_CHANNELS, type Channel } from './channel.ts';
export type { ChatTurn, FeedbackRecord, RecordOrigin } from './feedback-record.ts';
export type { AlertView, DigestView, OperationalView } from './alert-view.ts';
export { DEFAULT_DEADLINE_HOURS } from './deadlines.ts';
