import type { Channel } from './channel.ts';

/**
 * One item of customer feedback as it enters the pipeline, whatever brought it (crawl or import).
 * Importers and the crawler produce these; ingest validates, normalizes, masks, dedupes and
 * derives the external id where the source gave none.
 */

/** One turn of a customer-service chat session. Only customer turns are analysed. */
export interface ChatTurn {
  role: 'customer' | 'agent';
  text: string;
  at?: string | undefined;
}

export interface FeedbackRecord {
  channel: Channel;
  /** Where it came from: a crawl source id, or the import's --source (default: the file name). */
  source: string;
  /** The source's own id for the item, where it has one. */
  externalId?: string | undefined;
  /** Review or post text; for chat, the customer turns joined (see `turns`). */
  text: string;
  turns?: ChatTurn[] | undefined;
  author?: string | undefined;
  /** 1–5 stars where the channel has them (CSAT). */
  rating?: number | undefined;
  /** ISO 8601 timestamp. */
  postedAt?: string | undefined;
  url?: string | undefined;
  region?: string | undefined;
  /** Customer segment: new, returning, VIP … */
  segment?: string | undefined;
  orderId?: string | undefined;
  /** Survey scores: NPS 0–10 (likelihood to recommend), CSAT 1–5, CES 1–5 (5 = easiest). */
  nps?: number | undefined;
  csat?: number | undefined;
  ces?: number | undefined;
  /** Product or SKU name the feedback is about. */
  product?: string | undefined;
  /** Anything else worth keeping (platform, likes, reposts, unmapped columns). */
  meta?: Record<string, unknown> | undefined;
}

/** Where a raw record came from, so a rejection can name the file and line. */
export interface RecordOrigin {
  file?: string | undefined;
  line?: number | undefined;
  url?: string | undefined;
}
