import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBatchStatement } from '../../../src/store/feedback-batch.ts';
import type { AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';

const SQL = fs.readFileSync(path.resolve(import.meta.dirname, '../../../src/store/sql/feedback/save-analyzed-batch.sql'), 'utf8');

function item(externalId: string, aspects: number, alerts: number): AnalyzedFeedback {
  return {
    channel: 'review',
    source: 's',
    externalId,
    contentHash: `h-${externalId}`,
    text: `text ${externalId}`,
    meta: { k: 1 },
    rating: 2,
    analysis: {
      sentiment: { label: 'negative', score: -0.5 },
      aspects: Array.from({ length: aspects }, (_, i) => ({ topic: `t${i}` as never, polarity: 'negative' as const, evidence: `e${i}` })),
      alerts: Array.from({ length: alerts }, (_, i) => ({ rule: `r${i}`, severity: 'high' as const, keyword: `k${i}`, evidence: `a${i}` })),
    },
  };
}

describe('the batch statement', () => {
  const statement = compileBatchStatement(SQL);
  const code = statement.text.split('\n').map((l) => l.replace(/--.*$/u, '')).join('\n');

  it('numbers every marker and leaves none', () => {
    expect(code).not.toMatch(/(?<![:\w]):[a-z_]+/u);
    const used = new Set([...code.matchAll(/\$(\d+)/gu)].map((m) => Number(m[1])));
    const { values } = statement.params([item('a', 1, 1)], { time_zone: 'UTC', deadline_hours: '{}', max_age_hours: 0 });
    // Each parameter is used, and numbered 1…n without a gap.
    expect([...used].sort((a, b) => a - b)).toEqual(Array.from({ length: values.length }, (_, i) => i + 1));
    expect(code).toContain('AS x(ord, channel, source, external_id');
  });

  it('gives each column its values, aspects and alerts pointing at their item', () => {
    const { values, alertHits } = statement.params([item('a', 2, 0), item('b', 0, 1)], { time_zone: 'Asia/Shanghai', deadline_hours: '{"high":4}', max_age_hours: 48 });
    const param = (pattern: RegExp) => values[Number(pattern.exec(code)![1]) - 1];
    expect(alertHits).toBe(1);
    expect(param(/AT TIME ZONE \$(\d+)/u)).toBe('Asia/Shanghai');
    const items = /unnest\(\$(\d+)::int\[\], \$(\d+)::text\[\], \$(\d+)::text\[\], \$(\d+)::text\[\]/u.exec(code)!;
    expect(values[Number(items[1]) - 1]).toEqual([0, 1]);
    expect(values[Number(items[4]) - 1]).toEqual(['a', 'b']);
    const aspects = /unnest\(\$(\d+)::int\[\], \$(\d+)::text\[\], \$(\d+)::text\[\], \$(\d+)::text\[\], \$(\d+)::int\[\], \$(\d+)::boolean\[\]\) AS a\(item, topic, polarity, evidence, ordinal, counted\)/u.exec(code)!;
    expect(values[Number(aspects[1]) - 1]).toEqual([0, 0]);
    expect(values[Number(aspects[2]) - 1]).toEqual(['t0', 't1']);
    expect(values[Number(aspects[5]) - 1]).toEqual([0, 1]);
    const alerts = /unnest\(\$(\d+)::int\[\], \$(\d+)::text\[\], \$(\d+)::text\[\], \$(\d+)::text\[\], \$(\d+)::text\[\]\) WITH ORDINALITY AS a\(item, rule/u.exec(code)!;
    expect(values[Number(alerts[1]) - 1]).toEqual([1]);
    expect(values[Number(alerts[2]) - 1]).toEqual(['r0']);
  });

  it('numbers each item\'s aspects from 0 and counts an item once per (topic, polarity)', () => {
    const twice = item('c', 0, 0);
    twice.analysis.aspects = [
      { topic: 'product.taste', polarity: 'negative', evidence: '太咸' },
      { topic: 'product.taste', polarity: 'positive', evidence: '好吃' },
      { topic: 'product.taste', polarity: 'negative', evidence: '太辣' },
      { topic: 'product.price', polarity: 'negative', evidence: '太贵' },
    ];
    const { values } = statement.params([item('a', 1, 0), twice], { time_zone: 'UTC', deadline_hours: '{}', max_age_hours: 0 });
    const aspects = /unnest\(\$(\d+)::int\[\], \$(\d+)::text\[\], \$(\d+)::text\[\], \$(\d+)::text\[\], \$(\d+)::int\[\], \$(\d+)::boolean\[\]\) AS a\(item/u.exec(code)!;
    expect(values[Number(aspects[1]) - 1]).toEqual([0, 1, 1, 1, 1]);
    expect(values[Number(aspects[5]) - 1]).toEqual([0, 0, 1, 2, 3]);
    expect(values[Number(aspects[6]) - 1]).toEqual([true, true, true, false, true]);
  });

  it('refuses a marker it does not know, naming it', () => {
    expect(() => compileBatchStatement('SELECT :nonsense')).toThrow(/unknown marker :nonsense/u);
  });
});
