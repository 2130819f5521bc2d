import { beforeAll, describe, expect, it } from 'vitest';
import type { Aspect } from '../../../src/nlp/types.ts';
import { improvementEffect } from '../../../src/improvements/measure.ts';
import { addImprovement } from '../../../src/store/improvements-repository.ts';
import { saveAnalyzedBatch, type AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';
import { seededRandom } from '../../../src/stats/seeded-random.ts';
import { painpoint } from '../../support/cli.ts';
import { useTestDatabase } from '../../support/services.ts';

/**
 * Generated reviews over 8 weeks around 2026-06-01 in three regions. Each item mentions a topic
 * negatively with a planted probability per region, period and topic:
 *   packaging   华南 (pilot) 12% → 4% (the fix), 华东 (control) 12% → 12%
 *   timeliness  华南 8% → 8% (nothing changed)
 *   cold chain  华南 5% → 10% (got worse), 华东 5% → 5%
 * 西北 is a small shop: 40 items per window, 6 packaging complaints before and none after.
 */
const START = '2026-06-01';
const PER_DAY = 45;
const PLANTED_DROP = -0.08;

const RATES: Record<string, Record<string, [number, number]>> = {
  华南: { 'product.packaging': [0.12, 0.04], 'delivery.timeliness': [0.08, 0.08], 'delivery.cold_chain': [0.05, 0.1] },
  华东: { 'product.packaging': [0.12, 0.12], 'delivery.timeliness': [0.08, 0.08], 'delivery.cold_chain': [0.05, 0.05] },
};

function generate(): AnalyzedFeedback[] {
  const next = seededRandom(20260601);
  const items: AnalyzedFeedback[] = [];
  let n = 0;
  const push = (day: string, region: string, topics: Aspect['topic'][]) => {
    n++;
    items.push({
      channel: 'review',
      source: 'jd-fresh',
      externalId: `fx${n}`,
      contentHash: `fx${n}`,
      text: `第${n}条评价`,
      postedAt: `${day}T12:00:00+08:00`,
      region,
      analysis: {
        sentiment: { label: topics.length ? 'negative' : 'positive', score: topics.length ? -0.5 : 0.5 },
        aspects: topics.map((topic) => ({ topic, polarity: 'negative', evidence: topic })),
        alerts: [],
      },
    });
  };
  for (let d = -28; d < 28; d++) {
    const day = new Date(Date.parse(`${START}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    const after = d >= 0 ? 1 : 0;
    for (const region of Object.keys(RATES)) {
      for (let i = 0; i < PER_DAY; i++) {
        const topics = Object.entries(RATES[region]!).filter(([, rates]) => next() < rates[after]!).map(([topic]) => topic as Aspect['topic']);
        push(day, region, topics);
      }
    }
  }
  // 西北: fixed counts, 6 packaging complaints among 40 items before and none among 40 after.
  for (let i = 0; i < 40; i++) push(`2026-05-${String(4 + (i % 28)).padStart(2, '0')}`, '西北', i < 6 ? ['product.packaging'] : []);
  for (let i = 0; i < 40; i++) push(`2026-06-${String(1 + (i % 28)).padStart(2, '0')}`, '西北', []);
  return items;
}

describe('did the fix work: effect on generated data', () => {
  const db = useTestDatabase('improvement_effect');
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const items = generate();
    for (let i = 0; i < items.length; i += 1000) await saveAnalyzedBatch(db.current.pool, items.slice(i, i + 1000), { timeZone: 'Asia/Shanghai' });
    const pool = db.current.pool;
    const south = { region: ['华南'] };
    const east = { region: ['华东'] };
    ids.packagingDid = await addImprovement(pool, { topic: 'product.packaging', action: '新包装：加厚泡沫箱', startDate: START, pilot: south, control: east });
    ids.packagingAlone = await addImprovement(pool, { topic: 'product.packaging', action: '新包装（无对照）', startDate: START, pilot: south });
    ids.timeliness = await addImprovement(pool, { topic: 'delivery.timeliness', action: '换快递', startDate: START, pilot: south });
    ids.coldChain = await addImprovement(pool, { topic: 'delivery.cold_chain', action: '减少冰袋', startDate: START, pilot: south, control: east });
    ids.small = await addImprovement(pool, { topic: 'product.packaging', action: '西北仓打包培训', startDate: START, pilot: { region: ['西北'] } });
  });

  it('a planted drop in the pilot, control unchanged, is effective with the right sign and an interval covering it', async () => {
    const r = (await improvementEffect(db.current.pool, ids.packagingDid!))!;
    expect(r.test).toBe('difference in differences (z)');
    expect(r.verdict).toBe('effective');
    expect(r.effect!).toBeLessThan(0);
    expect(r.ci95![0]).toBeLessThanOrEqual(PLANTED_DROP);
    expect(r.ci95![1]).toBeGreaterThanOrEqual(PLANTED_DROP);
    expect(r.p_value!).toBeLessThan(0.001);
    expect(r.pilot.before.items).toBe(28 * PER_DAY);
    expect(r.control!.after.items).toBe(28 * PER_DAY);
    expect(r.mde!).toBeGreaterThan(0);
    expect(r.mde!).toBeLessThan(Math.abs(PLANTED_DROP));
    const alone = (await improvementEffect(db.current.pool, ids.packagingAlone!))!;
    expect(alone).toMatchObject({ test: 'two-proportion z', verdict: 'effective', control: null });
    expect(alone.ci95![0]).toBeLessThanOrEqual(PLANTED_DROP);
    expect(alone.ci95![1]).toBeGreaterThanOrEqual(PLANTED_DROP);
  });

  it('an unchanged topic is not significant, a rise is worse, small counts take the exact test', async () => {
    const same = (await improvementEffect(db.current.pool, ids.timeliness!))!;
    expect(same.verdict).toBe('not_significant');
    expect(same.p_value!).toBeGreaterThan(0.05);
    expect(same.ci95![0]).toBeLessThan(0);
    expect(same.ci95![1]).toBeGreaterThan(0);
    const rise = (await improvementEffect(db.current.pool, ids.coldChain!))!;
    expect(rise.verdict).toBe('worse');
    expect(rise.effect!).toBeGreaterThan(0);
    const small = (await improvementEffect(db.current.pool, ids.small!))!;
    expect(small).toMatchObject({ test: 'fisher exact', pilot: { before: { items: 40, negative: 6 }, after: { items: 40, negative: 0 } }, verdict: 'effective', insufficient_data: false });
    expect(small.p_value).toBeCloseTo((2 * 3838380) / 300500200, 4);
  });

  it('improvement_effect gives the same verdicts for every improvement', async () => {
    const { rows } = await db.current.pool.query('SELECT improvement_id, verdict, effect::float8, ci95_low::float8, ci95_high::float8, p_value, test FROM improvement_effect ORDER BY improvement_id');
    expect(rows.map((r) => r.verdict)).toEqual(['effective', 'effective', 'not_significant', 'worse', 'effective']);
    for (const key of ['packagingDid', 'packagingAlone', 'timeliness', 'coldChain'] as const) {
      const cli = (await improvementEffect(db.current.pool, ids[key]!))!;
      const view = rows.find((r) => r.improvement_id === ids[key])!;
      expect(view.effect).toBeCloseTo(cli.effect!, 4);
      expect(view.ci95_low).toBeCloseTo(cli.ci95![0], 4);
      expect(view.test).toBe(cli.test);
      expect(view.p_value).toBeCloseTo(cli.p_value!, 4);
    }
  });

  it('the CLI: rootcause add, improvements add and list, effect --json, report', async () => {
    const env = { DATABASE_URL: db.current.url, LOG_LEVEL: 'silent' };
    const cause = await painpoint(['rootcause', 'add', '--topic', 'product.packaging', '--why', '包装破损', '--why', '冷链温控不足', '--why', '供应商包装标准低', '--category', '料', '--scope', 'region=华南', '--owner', '供应链', '--json'], env);
    expect(cause.code).toBe(0);
    const causeId = JSON.parse(cause.out).id as number;
    expect(causeId).toBeGreaterThan(0);
    const listed = await painpoint(['rootcause', 'list'], env);
    expect(listed.out).toContain('包装破损 → 冷链温控不足 → 供应商包装标准低');
    expect(listed.out).toContain('[料 material]');

    const added = await painpoint(['improvements', 'add', '--topic', 'product.packaging', '--action', '新包装标准', '--start', START, '--pilot', 'region=华南', '--control', 'region=华东', '--root-cause', String(causeId), '--json'], env);
    expect(added.code).toBe(0);
    const id = JSON.parse(added.out).id as number;
    const effect = await painpoint(['effect', String(id), '--before', '4w', '--after', '4w', '--json'], env);
    expect(effect.code).toBe(0);
    const json = JSON.parse(effect.out);
    expect(Object.keys(json).slice(0, 10)).toEqual(['improvement', 'topic', 'pilot', 'control', 'effect', 'ci95', 'p_value', 'test', 'mde', 'verdict']);
    expect(json).toMatchObject({ improvement: id, topic: 'product.packaging', verdict: 'effective' });
    const text = await painpoint(['effect', String(id), '--after', '2w'], env);
    expect(text.out).toMatch(/verdict {2}effective/);
    expect(text.out).toContain('14 after');

    const noCause = await painpoint(['improvements', 'add', '--topic', 'product.packaging', '--action', 'x', '--start', START, '--pilot', 'region=华南', '--root-cause', '424242'], env);
    expect(noCause.code).toBe(2);
    expect(noCause.err).toBe('painpoint: no root cause 424242: check --root-cause: `painpoint rootcause list` shows the recorded ones\n');
    const bad = await painpoint(['improvements', 'add', '--topic', 'product.packing', '--action', 'x', '--start', START], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--topic.*"product.packing" is not a topic/);
    const badScope = await painpoint(['improvements', 'add', '--topic', 'product.packaging', '--action', 'x', '--start', START, '--pilot', 'city=广州'], env);
    expect(badScope.err).toMatch(/--pilot.*"city" is not a scope key/);
    const badDate = await painpoint(['improvements', 'add', '--topic', 'product.packaging', '--action', 'x', '--start', '2026-02-30'], env);
    expect(badDate.err).toMatch(/--start.*YYYY-MM-DD/);
    expect((await painpoint(['effect', '999999'], env)).code).toBe(1);
    expect((await painpoint(['effect', String(id), '--before', 'a month'], env)).err).toMatch(/--before.*not a window/);

    const list = await painpoint(['improvements', 'list'], env);
    expect(list.out).toMatch(/新包装标准/);
    expect(list.out).toMatch(/worse/);
    const biweekly = await painpoint(['improvements', 'list', '--biweekly', '--to', '2026-06-28', '--json'], env);
    const ranked = biweekly.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(ranked.map((r) => r.topic)).toContain('product.packaging');
    expect(ranked[0].score).toBeGreaterThanOrEqual(ranked[ranked.length - 1].score);
    const packaging = ranked.find((r) => r.topic === 'product.packaging');
    expect(packaging.score).toBeCloseTo(packaging.negativeRate * packaging.items * packaging.severityWeight * packaging.trend, 6);
    expect(packaging.improvements.map((i: { id: number }) => i.id)).toContain(id);

    const report = await painpoint(['report', '--since', '2026-05-01'], env);
    expect(report.code).toBe(0);
    expect(report.out).toContain('Improvements');
    const line = (action: string) => report.out.split('\n').find((l) => l.includes(action)) ?? '';
    expect(line('新包装：加厚泡沫箱')).toContain('effective 有效');
    expect(line('减少冰袋')).toContain('worse 变差');
    expect(line('换快递')).toContain('not significant 不显著');
  });
});
