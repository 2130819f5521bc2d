import { describe, expect, it } from 'vitest';
import { mondayOf } from '../../../src/domain/period.ts';
import { bucketOf, bucketsOf, isoWeek } from '../../../src/dashboard/calendar.ts';
import { words } from '../../../src/dashboard/i18n.ts';
import { heatmapFromCells, heatmapPeriod } from '../../../src/dashboard/read/heatmap.ts';
import { heatmapView } from '../../../src/dashboard/views/heatmap-view.ts';
import type { RenderContext } from '../../../src/dashboard/views/render-context.ts';

describe('calendar', () => {
  it('finds Mondays and ISO weeks across a year boundary', () => {
    expect(mondayOf('2026-11-26')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-12-28')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
  });

  it('marks the bucket holding today, and one the period cuts, as partial', () => {
    // Today is Wednesday 25 November: the period runs to 26 November (exclusive).
    expect(bucketOf('2026-11-23', 'week', '2026-10-05', '2026-11-26').partial).toBe(true);
    expect(bucketOf('2026-11-16', 'week', '2026-10-05', '2026-11-26').partial).toBe(false);
    // Even on a Sunday the current week is still going on.
    expect(bucketOf('2026-11-23', 'week', '2026-10-05', '2026-11-30').partial).toBe(true);
    expect(bucketOf('2026-09-28', 'week', '2026-10-01', '2026-11-26').partial).toBe(true);
    expect(bucketOf('2026-11-25', 'day', '2026-10-29', '2026-11-26').partial).toBe(true);
    expect(bucketOf('2026-11-24', 'day', '2026-10-29', '2026-11-26').partial).toBe(false);
    expect(bucketsOf('2026-11-02', '2026-11-26', 'week')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('spans whole weeks back from the current one', () => {
    expect(heatmapPeriod('2026-11-25', 'week', 8)).toEqual({ since: '2026-10-05', until: '2026-11-26' });
    expect(heatmapPeriod('2026-11-25', 'day', 7)).toEqual({ since: '2026-11-19', until: '2026-11-26' });
  });
});

const ctx: RenderContext = { lang: 'zh', w: words('zh'), timeZone: 'Asia/Shanghai', labels: new Map([['delivery.cold_chain', '冷链保鲜']]), interactive: true };

describe('the heatmap grid and view', () => {
  const period = { since: '2026-11-09', until: '2026-11-26', grain: 'week' as const };
  const cells = [
    { bucket: '2026-11-09', topic: 'delivery.cold_chain', mentions: 6 },
    { bucket: '2026-11-09', topic: 'product.taste', mentions: 2 },
    { bucket: '2026-11-16', topic: 'product.taste', mentions: 1 },
    { bucket: '2026-11-23', topic: 'delivery.cold_chain', mentions: 2 },
  ];

  it('counts, shares of the column, n per column, topics by mentions', () => {
    const g = heatmapFromCells(cells, period);
    expect(g.topics).toEqual(['delivery.cold_chain', 'product.taste']);
    expect(g.buckets.map((b) => [b.start, b.total, b.partial])).toEqual([
      ['2026-11-09', 8, false],
      ['2026-11-16', 1, false],
      ['2026-11-23', 2, true],
    ]);
    expect(g.mentions).toEqual([[6, 0, 2], [2, 1, 0]]);
    expect(g.share).toEqual([[0.75, 0, 1], [0.25, 1, 0]]);
  });

  it('colours full columns with enough mentions only, and links each cell to its evidence', () => {
    const g = { ...heatmapFromCells(cells, period), polarity: 'negative' as const, slice: { dimension: 'region' as const, value: '华南' }, sliceValues: [{ value: '华南', items: 40 }] };
    const out = heatmapView(ctx, g).value;
    // 0.75 is the top of the scale: the deepest shade. The partial week's 100% is not coloured.
    expect(out).toContain('<td class="negative heat-5" data-topic="delivery.cold_chain" data-bucket="2026-11-09" data-mentions="6"');
    expect(out).toContain('<td class="partial" data-topic="delivery.cold_chain" data-bucket="2026-11-23" data-mentions="2"');
    // A column of one mention says nothing about shares.
    expect(out).toContain('<td class="thin" data-topic="product.taste" data-bucket="2026-11-16" data-mentions="1"');
    expect(out).toContain('href="/topics/delivery.cold_chain?from=2026-11-09&amp;to=2026-11-15&amp;polarity=negative&amp;by=region&amp;value=%E5%8D%8E%E5%8D%97&amp;lang=zh"');
    expect(out).toContain('<b>6</b><small>75%</small>');
    expect(out).toMatch(/class="legend"[\s\S]*60%–75%[\s\S]*未满/);
  });
});
