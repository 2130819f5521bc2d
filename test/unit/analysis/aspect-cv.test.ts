/**
 * Cross-validation of the aspect model on a small data folder of the real format: every train
 * review is scored once by a model that did not see it, no test review is read, a fold seed deals
 * the same folds every time, and several seeds summarise to their mean and spread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossValidateAspects, summariseFoldSeeds } from '../../../src/analysis/aspect-cv.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { InputError } from '../../../src/errors/index.ts';

const TAKEOUT: [string, [string, string][]][] = [
  ['送餐很快，味道不错', [['delivery.timeliness', 'positive'], ['product.taste', 'positive']]],
  ['等了两个小时才送到，菜都凉了', [['delivery.timeliness', 'negative'], ['delivery.cold_chain', 'negative']]],
  ['分量太少了，不够吃', [['product.portion', 'negative']]],
  ['味道太咸了', [['product.taste', 'negative']]],
  ['骑手态度很好，送得也快', [['delivery.courier', 'positive'], ['delivery.timeliness', 'positive']]],
  ['价格有点贵，量还少', [['product.price', 'negative'], ['product.portion', 'negative']]],
  ['好吃，下次还点', [['product.taste', 'positive']]],
  ['送错了，少了一份米饭', [['delivery.accuracy', 'negative']]],
];
const SHOP: [string, [string, string][]][] = [
  ['物流很快，第二天就到了', [['delivery.timeliness', 'positive']]],
  ['质量很差，用了两天就坏了', [['product.quality', 'negative']]],
  ['包装破损，盒子都压扁了', [['product.packaging', 'negative']]],
  ['客服态度很好，问题解决了', [['service.support', 'positive']]],
  ['价格便宜，质量也不错', [['product.price', 'positive'], ['product.quality', 'positive']]],
  ['发货太慢了，一个星期才到', [['delivery.timeliness', 'negative']]],
  ['屏幕很清晰，电池也耐用', [['product.quality', 'positive']]],
  ['退货很麻烦，售后不理人', [['service.aftersales', 'negative']]],
];
const CORPUS_TAKEOUT = ['很快，好吃', '太慢了，等了一个小时', '味道一般', '送餐员很有礼貌', '菜凉了，不好吃', '量很足，很满意'];
const CORPUS_SHOP = ['东西不错，物流也快', '质量太差了，退货', '包装很好', '客服不理人', '性价比很高', '用了一周就坏了'];

let dir: string;
const config = loadConfig();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-cv-'));
  const row = (corpus: string, i: number, split: string, [text, aspects]: [string, [string, string][]]) =>
    JSON.stringify({ id: `${corpus}:${i}`, split, text, aspects, alerts: [], sentiment: aspects.some((a) => a[1] === 'negative') ? 'negative' : 'positive' });
  const lines = [
    ...TAKEOUT.map((r, i) => row('waimai', 1000 + i, i < 6 ? 'train' : 'test', r)),
    ...SHOP.map((r, i) => row('shop', 1000 + i, i < 6 ? 'train' : 'test', r)),
  ];
  fs.writeFileSync(path.join(dir, 'labelled-aspects.jsonl'), lines.join('\n') + '\n');
  const csv = (texts: string[], extra: string) => texts.map((t, i) => `${extra}${i % 2 === 0 ? 1 : 0},${t}`).join('\n') + '\n';
  fs.writeFileSync(path.join(dir, 'waimai_10k.csv'), 'label,review\n' + csv(CORPUS_TAKEOUT, ''));
  fs.writeFileSync(path.join(dir, 'online_shopping_7cats.csv'), 'cat,label,review\n' + csv(CORPUS_SHOP, '平板,'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('crossValidateAspects', () => {
  it('scores every train review once, out of fold, and no test review', async () => {
    const folds: number[] = [];
    const cv = await crossValidateAspects(config, { dataDir: dir, folds: 3, seed: 1, onFold: (done) => folds.push(done) });
    expect(folds).toEqual([1, 2, 3]);
    expect(cv.foldSeed).toBe(1);
    expect(cv.analyses).toHaveLength(12);
    expect(cv.analyses.every((a) => a !== undefined && Array.isArray(a.aspects))).toBe(true);
    expect(cv.overall.reviews).toBe(12);
    expect(cv.takeout.reviews + cv.ecommerce.reviews).toBe(12);
    // The reviews the keywords name plainly are read right by any fold's model.
    expect(cv.takeout.aspects.f1).toBeGreaterThan(0.5);
    expect(cv.ecommerce.aspects.f1).toBeGreaterThan(0.5);
  });

  it('deals the same folds for the same seed, and summarises seeds to mean, lowest and highest', async () => {
    const runs = [];
    for (const seed of [1, 2, 1]) runs.push(await crossValidateAspects(config, { dataDir: dir, folds: 3, seed }));
    expect(runs[2]!.analyses).toEqual(runs[0]!.analyses);
    const summary = summariseFoldSeeds(runs.slice(0, 2));
    const f1s = runs.slice(0, 2).map((r) => r.ecommerce.aspects.f1);
    expect(summary.ecommerce.aspects.mean).toBeCloseTo((f1s[0]! + f1s[1]!) / 2, 12);
    expect(summary.ecommerce.aspects.min).toBe(Math.min(...f1s));
    expect(summary.ecommerce.aspects.max).toBe(Math.max(...f1s));
    expect(summary.overall.topics.min).toBeLessThanOrEqual(summary.overall.topics.mean);
    expect(summary.overall.topics.mean).toBeLessThanOrEqual(summary.overall.topics.max);
  });

  it('refuses fewer than two folds, and an empty summary', async () => {
    await expect(crossValidateAspects(config, { dataDir: dir, folds: 1 })).rejects.toThrow(InputError);
    expect(() => summariseFoldSeeds([])).toThrow(InputError);
  });
});
