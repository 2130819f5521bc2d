import type { Job } from 'bullmq';
import { sourceSchema, type SourceConfig } from '../../src/config/index.ts';
import type { PipelineContext } from '../../src/pipeline/context.ts';
import type { IngestJobData } from '../../src/pipeline/payloads.ts';
import type { FeedbackRecord } from '../../src/domain/index.ts';
import type { FixtureReview } from '../fixtures/site/reviews.ts';

/** A source of the fixture site, validated like sources.yaml is (so the defaults apply). */
export function fixtureSource(origin: string, fields: Record<string, unknown>): SourceConfig {
  return sourceSchema.parse({
    channel: 'review',
    item: '.review',
    rate: 20,
    timeoutMs: 5_000,
    retries: 2,
    fields: {
      text: '.content',
      author: '.author',
      postedAt: '.time',
      rating: { selector: '.stars', attribute: 'class' },
      url: { selector: 'a.permalink', attribute: 'href' },
      externalId: { attribute: 'data-id' },
    },
    ...fields,
    startUrls: (fields.startUrls as string[]).map((p) => `${origin}${p}`),
  });
}

/** The records a crawl run put on the ingest queue, in the order it read them. */
export async function enqueuedRecords(ctx: PipelineContext, pipelineRunId: string): Promise<FeedbackRecord[]> {
  const jobs = (await ctx.queues.queue<IngestJobData>('ingest').getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed'])) as Job<IngestJobData>[];
  return jobs
    .filter((j) => j?.data.runId === pipelineRunId)
    .sort((a, b) => a.data.batchNo - b.data.batchNo)
    .flatMap((j) => j.data.entries.map((e) => e.record as FeedbackRecord));
}

/** What a crawl of these fixture reviews must yield, field by field. */
export function expectedRecords(origin: string, sourceId: string, reviews: readonly FixtureReview[], rating: (r: FixtureReview) => number = (r) => r.stars) {
  return reviews.map((r) => ({
    channel: 'review',
    source: sourceId,
    externalId: r.id,
    text: r.text,
    author: r.author,
    rating: rating(r),
    postedAt: r.postedIso,
    url: `${origin}/r/${r.id}`,
  }));
}

/** The most requests that arrived within any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
