/** What a feedback item is: a platform review, a customer-service chat session, or a social post. */
export type Channel = 'review' | 'chat' | 'social';
export const CHANNELS: readonly Channel[] = ['review', 'chat', 'social'];

/** The channels a crawl source may read (chat sessions come only from exports). */
export const CRAWLED_CHANNELS = ['review', 'social'] as const satisfies readonly Channel[];
