import { describe, expect, it } from 'vitest';
import { heatmapFrom, painPointsFrom } from '../../../src/report/report-model.ts';
import { changeText, formatTable } from '../../../src/report/format-text.ts';
import { formatHtml } from '../../../src/report/format-html.ts';
import type { PainPointReport } from '../../../src/report/report-model.ts';

describe('painPointsFrom', () => {
  it('computes shares of the period total, change against before, and mentions per item', () => {
    const points = painPointsFrom(
      [
        { topic: 'delivery.timeliness', negative_mentions: 30, previous_mentions: 20 },
        { topic: 'product.taste', negative_mentions: 10, previous_mentions: 0 },
        { topic: 'product.price', negative_mentions: 0, previous_mentions: 5 },
      ],
      200,
      new Map([['product.taste', '口感']]),
    );
    expect(points).toEqual([
      { topic: 'delivery.timeliness', label: undefined, negativeMentions: 30, share: 0.75, previousMentions: 20, change: 0.5, perItem: 0.15 },
      { topic: 'product.taste', label: '口感', negativeMentions: 10, share: 0.25, previousMentions: 0, change: null, perItem: 0.05 },
      { topic: 'product.price', label: undefined, negativeMentions: 0, share: 0, previousMentions: 5, change: -1, perItem: 0 },
    ]);
  });

  it('writes change as a signed percentage, "new" where there was none before', () => {
    expect(changeText(0.5, 30)).toBe('+50.0%');
    expect(changeText(-1, 0)).toBe('−100.0%');
    expect(changeText(null, 10)).toBe('new');
    expect(changeText(null, 0)).toBe('—');
  });
});

describe('heatmapFrom', () => {
  it('builds the topics × weeks grid in ranking order, zero where a topic is absent', () => {
    const map = heatmapFrom(
      [
        { week: '2026-03-02', iso_week: '2026-W10', topic: 'product.taste', negative_mentions: 1, share: 0.25 },
        { week: '2026-03-02', iso_week: '2026-W10', topic: 'delivery.timeliness', negative_mentions: 3, share: 0.75 },
        { week: '2026-02-23', iso_week: '2026-W09', topic: 'delivery.timeliness', negative_mentions: 2, share: 1 },
      ],
      ['delivery.timeliness', 'product.taste'],
    );
    expect(map.weeks.map((w) => w.isoWeek)).toEqual(['2026-W09', '2026-W10']);
    expect(map.topics).toEqual(['delivery.timeliness', 'product.taste']);
    expect(map.share).toEqual([[1, 0.75], [0, 0.25]]);
    expect(map.mentions).toEqual([[2, 3], [0, 1]]);
  });
});

const report: PainPointReport = {
  period: { since: '2026-03-04', until: '2026-03-11', days: 7, previousSince: '2026-02-25' },
  totals: { items: 200, negativeItems: 40, previousItems: 150, previousNegativeItems: 30 },
  painPoints: painPointsFrom([{ topic: 'delivery.timeliness', negative_mentions: 30, previous_mentions: 20 }, { topic: 'product.taste', negative_mentions: 10, previous_mentions: 0 }], 200, new Map([['product.taste', '口感'], ['delivery.timeliness', '准时率']])),
  heatmap: heatmapFrom([{ week: '2026-03-02', iso_week: '2026-W10', topic: 'delivery.timeliness', negative_mentions: 3, share: 0.75 }, { week: '2026-03-02', iso_week: '2026-W10', topic: 'product.taste', negative_mentions: 1, share: 0.25 }], ['delivery.timeliness', 'product.taste']),
};

describe('formatTable', () => {
  it('prints the period, the totals and the ranked pain points', () => {
    const text = formatTable(report, 10);
    expect(text).toContain('Pain points 2026-03-04 – 2026-03-10 (7 days)');
    expect(text).toContain('items 200 (before 150), negative 40 (before 30)');
    expect(text).toMatch(/1 {2}delivery\.timeliness {2}准时率 +30 +75\.0% +20 +\+50\.0%/);
    expect(text).toMatch(/2 {2}product\.taste +口感 +10 +25\.0% +0 +new/);
  });

  it('lists at most --top pain points', () => {
    expect(formatTable(report, 1)).not.toContain('product.taste');
  });
});

describe('formatHtml', () => {
  it('is one self-contained page drawn by the dashboard views: the ranked table and the heatmap with counts, shares and a legend', () => {
    const html = formatHtml(report, 10);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<style>');
    expect(html).toMatch(/<tr data-topic="delivery\.timeliness"><td class="n">1<\/td><td>准时率 delivery\.timeliness<\/td><td class="n">30<\/td>/);
    expect(html).toContain('data-topic="delivery.timeliness" data-bucket="2026-03-02" data-mentions="3"');
    expect(html).toContain('<b>3</b><small>75%</small>');
    expect(html).toContain('class="legend"');
  });

  it('marks a week the period covers only in part as partial, not coloured like a full one', () => {
    // The period starts on Wednesday 4 March: the week of 2 March is only partly inside it.
    const html = formatHtml(report, 10);
    expect(html).toMatch(/<th scope="col" class="partial" title="2026-03-02 – 2026-03-09">W10 03-02/);
    expect(html).toMatch(/<td class="partial" data-topic="delivery\.timeliness" data-bucket="2026-03-02"/);
    const heatmap = heatmapFrom([{ week: '2026-03-02', iso_week: '2026-W10', topic: 'delivery.timeliness', negative_mentions: 6, share: 0.75 }, { week: '2026-03-02', iso_week: '2026-W10', topic: 'product.taste', negative_mentions: 2, share: 0.25 }], ['delivery.timeliness', 'product.taste']);
    const full = formatHtml({ ...report, heatmap, period: { since: '2026-03-02', until: '2026-03-16', days: 14, previousSince: '2026-02-16' } }, 10);
    expect(full).toMatch(/<td class="negative heat-5" data-topic="delivery\.timeliness" data-bucket="2026-03-02"/);
    expect(full).toMatch(/<td class="negative heat-2" data-topic="product\.taste" data-bucket="2026-03-02"/);
  });

  it('escapes text from the data', () => {
    const evil = { ...report, painPoints: [{ ...report.painPoints[0]!, topic: '<b>x</b>' }] };
    expect(formatHtml(evil, 10)).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(formatHtml(evil, 10)).not.toContain('<b>x</b>');
  });
});
