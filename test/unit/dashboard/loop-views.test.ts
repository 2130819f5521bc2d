import { describe, expect, it } from 'vitest';
import { words } from '../../../src/dashboard/i18n.ts';
import type { CasesModel } from '../../../src/dashboard/read/cases.ts';
import type { ImprovementsModel } from '../../../src/dashboard/read/improvements.ts';
import type { ScoreTiles } from '../../../src/dashboard/read/overview.ts';
import { casesView } from '../../../src/dashboard/views/cases-view.ts';
import { improvementsView } from '../../../src/dashboard/views/improvements-view.ts';
import { firedMonitorsView, scoreTilesView } from '../../../src/dashboard/views/overview-view.ts';
import type { RenderContext } from '../../../src/dashboard/views/render-context.ts';
import { estimateScores } from '../../../src/scores/score-estimate.ts';
import { emptyTally } from '../../../src/scores/score-tally.ts';
import type { MetricAlertRow } from '../../../src/store/metric-alerts-repository.ts';

const ctx: RenderContext = { lang: 'zh', w: words('zh'), timeZone: 'Asia/Shanghai', labels: new Map(), interactive: true, csrf: 't' };
const MARKUP = '<img src=x onerror="alert(1)">';
const settings = { scores: { minResponses: 30, confidence: 0.95 }, targets: { nps: 30, csat: 4.5, ces: 4 } };
const period = { since: '2026-11-01', until: '2026-12-01', days: 30, previousSince: '2026-10-02' };

function tiles(tally: ReturnType<typeof emptyTally>): ScoreTiles {
  const { nps, csat, ces } = estimateScores(tally, settings);
  return { period, nps, csat, ces, minResponses: 30, confidence: 0.95, answered: [nps, csat, ces].some((e) => e.n > 0) };
}

describe('score tiles', () => {
  it('show each score with its interval, n and target, and "insufficient data" below scores.minResponses', () => {
    // 40 NPS answers (20 promoters, 10 detractors: NPS 25), 10 CSAT answers (too few), no CES.
    const out = scoreTilesView(ctx, tiles({ ...emptyTally(), promoters: 20, passives: 10, detractors: 10, csatN: 10, csatSum: 45, csatSumSquares: 205, csatSatisfied: 9 })).value;
    const nps = /<div class="tile score[^"]*" data-score="nps"[^>]*>(.*?)<\/div>/.exec(out)![1]!;
    expect(nps).toContain('<span class="big">25.0</span>');
    expect(nps).toMatch(/\[-?\d+\.\d, -?\d+\.\d\] n=40/);
    expect(nps).toContain('目标 30');
    expect(nps).toContain('未达标?'); // 25 < 30, but the interval holds 30
    const csat = /data-score="csat" data-n="10"[^>]*>(.*?)<\/div>/.exec(out)![1]!;
    expect(csat).toContain('数据不足');
    expect(csat).toContain('n=10 &lt; 30');
  });

  it('render nothing when the period has no survey answer', () => {
    expect(scoreTilesView(ctx, tiles(emptyTally())).value).toBe('');
  });
});

describe('fired monitors', () => {
  const finding: MetricAlertRow = {
    id: 1, monitor: 'pain-spikes-by-region', kind: 'relative', metric: 'negative_rate', topic: 'delivery.cold_chain', scope: { region: MARKUP },
    windowFrom: '2026-11-09', windowTo: '2026-11-16', value: 0.525, baseline: 0, pValue: 4.5e-12, n: 61, detail: {}, status: 'unrouted', targets: null, deliveredTo: [], attempts: 0, createdAt: new Date(),
  };

  it('list monitor, topic, scope (as text), window with its last day, value against baseline, p and n', () => {
    const out = firedMonitorsView(ctx, [finding]).value;
    expect(out).toContain(`<td class="scope">地区=&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</td>`);
    expect(out).not.toContain('<img');
    expect(out).toContain('2026-11-09 – 2026-11-15');
    expect(out).toContain('<td class="n worse">52.5%</td><td class="n">0.0%</td><td class="n">4.5e-12</td><td class="n">61</td>');
  });

  it('render nothing without findings', () => {
    expect(firedMonitorsView(ctx, []).value).toBe('');
  });
});

describe('the improvements page and the case list', () => {
  it('escape root-cause text, owners, actions and assignees', () => {
    const m: ImprovementsModel = {
      rootCauses: [{ id: 3, topic: 'product.packaging', scope: { region: ['华南'] }, whys: ['包装破损', MARKUP], category: '料', owner: MARKUP, createdAt: new Date(), cases: 2, recurred: 1 }],
      improvements: [
        { id: 4, topic: 'product.packaging', action: MARKUP, owner: null, startDate: '2026-11-14', pilot: { region: ['华南'] }, control: null, rootCauseId: 3, status: 'active', note: null, effect: -0.2, pValue: 0.0001, verdict: 'effective', ci95: [-0.3, -0.1], mde: 0.05, test: 'two-proportion z' },
      ],
    };
    const page = improvementsView(ctx, m).value;
    expect(page).not.toContain('<img');
    expect(page).toContain('<td class="n nowrap effect">−20.0 pp</td><td class="n nowrap">[−30.0 pp, −10.0 pp]</td><td class="n">1.0e-4</td><td class="n">5.0 pp</td><td class="nowrap"><span class="verdict effective">有效</span></td>');

    const cases: CasesModel = {
      filter: { overdue: false },
      rules: [],
      sla: [],
      rootCauses: m.rootCauses,
      cases: [
        {
          id: 9, rule: 'cold_chain', severity: 'high', keyword: '化了', status: 'acknowledged', source: 's', channel: 'review', evidence: MARKUP, createdAt: new Date(), dueAt: new Date(), deliveredAt: null,
          acknowledgedAt: new Date(), resolvedAt: null, escalatedAt: null, targets: null, digestId: null, attempts: 0, lastEndpoint: null, lastStatusCode: null, lastError: null,
          overdue: false, assignee: MARKUP, compensation: { kind: '退一赔三', amount: 89.7 }, rootCauseId: 3, recurred: true,
        },
      ],
    };
    const list = casesView(ctx, cases).value;
    expect(list).not.toContain('<img');
    expect(list).toContain('<span class="compensation">补偿: 退一赔三 ¥89.70</span>');
    expect(list).toContain('<option value="3">#3 &lt;img');
    expect(list).toContain('<span class="tag alarm recurred">复发</span>');
  });
});
