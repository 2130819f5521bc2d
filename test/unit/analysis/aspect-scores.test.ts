import { describe, expect, it } from 'vitest';
import { formatPrf, MIN_LABELLED, scoreAnalyses } from '../../../src/analysis/aspect-scores.ts';
import type { LabelledAspectReview } from '../../../src/analysis/labelled-aspects.ts';
import type { Analysis } from '../../../src/nlp/types.ts';

function review(i: number, aspects: [string, string][], alerts: string[] = []): LabelledAspectReview {
  return { id: `waimai:${i}`, text: `r${i}`, split: 'test', domain: 'takeout', sentiment: 'negative', aspects, alerts } as unknown as LabelledAspectReview;
}

function analysis(aspects: [string, string][], alerts: string[] = []): Analysis {
  return { aspects: aspects.map(([topic, polarity]) => ({ topic, polarity })), alerts: alerts.map((rule) => ({ rule })), sentiment: { label: 'negative' } } as unknown as Analysis;
}

describe('scoreAnalyses', () => {
  // 60 reviews: each labels taste negative; the analysis finds it in 45, reads it positive in 9 and
  // misses it in 6. One review of ten also labels a late delivery alert, found every time.
  const reviews = Array.from({ length: 60 }, (_, i) => review(i, [['food.taste', 'negative']], i % 10 === 0 ? ['late_delivery'] : []));
  const analyses = reviews.map((_, i) => analysis(i < 45 ? [['food.taste', 'negative']] : i < 54 ? [['food.taste', 'positive']] : [], i % 10 === 0 ? ['late_delivery'] : []));
  const fig = scoreAnalyses(reviews, analyses);

  it('counts aspects as (topic, polarity) pairs and topics whatever the polarity', () => {
    expect(fig.aspects).toMatchObject({ support: 60, predicted: 54 });
    expect(fig.aspects.precision).toBeCloseTo(45 / 54, 10);
    expect(fig.aspects.recall).toBeCloseTo(45 / 60, 10);
    expect(fig.topics.recall).toBeCloseTo(54 / 60, 10);
    expect(fig.perTopic['food.taste']).toMatchObject({ support: 60, predicted: 54 });
  });

  it('gives each F1 an interval around it from resampled reviews, wider where fewer are labelled', () => {
    for (const m of [fig.aspects, fig.topics, fig.perTopic['food.taste']!]) {
      expect(m.f1Interval!.lower).toBeLessThan(m.f1);
      expect(m.f1Interval!.upper).toBeGreaterThan(m.f1);
      expect(m.f1Interval!.confidence).toBe(0.95);
    }
    const all = scoreAnalyses([...reviews, ...reviews, ...reviews, ...reviews], [...analyses, ...analyses, ...analyses, ...analyses]).aspects;
    expect(all.f1).toBeCloseTo(fig.aspects.f1, 10);
    expect(all.f1Interval!.upper - all.f1Interval!.lower).toBeLessThan(0.7 * (fig.aspects.f1Interval!.upper - fig.aspects.f1Interval!.lower));
    // Every alert found and none raised amiss: no resample can say otherwise.
    expect(fig.perRule.late_delivery).toMatchObject({ f1: 1, f1Interval: { lower: 1, upper: 1 } });
  });

  it('says "insufficient data" where fewer than MIN_LABELLED are labelled', () => {
    expect(MIN_LABELLED).toBe(25);
    expect(fig.perRule.late_delivery).toMatchObject({ support: 6, enough: false });
    expect(fig.aspects.enough).toBe(true);
    expect(formatPrf('late_delivery', fig.perRule.late_delivery!)).toMatch(/F1 1\.000 \[1\.000–1\.000\].*labelled 6, predicted 6.*insufficient data \(under 25 labelled\)/);
    expect(formatPrf('aspects', fig.aspects)).not.toMatch(/insufficient/);
  });
});
