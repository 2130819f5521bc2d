/** Accuracy of signed scores on labelled reviews, overall and per domain (where reviews carry one). */
import type { LabelledReview } from './labelled-csv.ts';
import { sentimentMetrics, type SentimentMetrics } from './metrics.ts';

export interface DomainAccuracy {
  overall: SentimentMetrics;
  byDomain: Record<string, SentimentMetrics>;
}

/** `scores` are signed, one per review (see metrics.ts). */
export function domainAccuracy(reviews: readonly Pick<LabelledReview, 'label' | 'domain'>[], scores: readonly number[]): DomainAccuracy {
  const groups = new Map<string, number[]>();
  reviews.forEach((r, i) => {
    if (r.domain === undefined) return;
    const list = groups.get(r.domain) ?? [];
    list.push(i);
    groups.set(r.domain, list);
  });
  const byDomain: Record<string, SentimentMetrics> = {};
  for (const [domain, indices] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    byDomain[domain] = sentimentMetrics(
      indices.map((i) => reviews[i]!.label),
      indices.map((i) => scores[i]!),
    );
  }
  return { overall: sentimentMetrics(reviews.map((r) => r.label), scores), byDomain };
}
