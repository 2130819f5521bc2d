/** The clause aspect models: features, training (deterministic, learns), the model directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clauseFeatures } from '../../../src/aspect-model/features.ts';
import { predictClause, type AspectModel } from '../../../src/aspect-model/model.ts';
import { clauseAspectModel } from '../../../src/aspect-model/classifier.ts';
import { loadAspectModel, saveAspectModel } from '../../../src/aspect-model/model-files.ts';
import { fitPolarity, fitTagger, FIT_DEFAULTS } from '../../../src/aspect-model/train.ts';
import { ConfigError } from '../../../src/errors/index.ts';
import { resolveFromRoot } from '../../../src/config/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-aspects-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const space = { buckets: 1 << 12 };
const fit = { ...FIT_DEFAULTS, buckets: space.buckets, epochs: 8 };
const clauses = [
  { text: '送餐太慢了', topics: [0], label: 0 },
  { text: '两个小时才送到', topics: [0], label: 0 },
  { text: '送得很快', topics: [0], label: 2 },
  { text: '味道很好', topics: [1], label: 2 },
  { text: '太难吃了', topics: [1], label: 0 },
  { text: '口味一般般', topics: [1], label: 1 },
];

function train(): AspectModel {
  const tagger = fitTagger(clauses.map((c) => ({ features: clauseFeatures(space, c.text), topics: c.topics, weight: 1 })), 2, fit);
  const polarity = fitPolarity(clauses.map((c) => ({ features: clauseFeatures(space, c.text), label: c.label, weight: 1 })), fit);
  return { space, topics: ['delivery.timeliness', 'product.taste'], thresholds: Float32Array.from([0.5, 0.5]), tagger, polarity, masksKeywords: false, readsContext: false, summary: {} };
}

describe('clause features', () => {
  it('are the distinct hashed character 1-3-grams, digits folded', () => {
    const f = clauseFeatures(space, '两个小时');
    expect(f.length).toBe(4 + 3 + 2);
    expect([...clauseFeatures(space, '等了2小时')]).toEqual([...clauseFeatures(space, '等了5小时')]);
    expect([...f]).toEqual([...f].sort((a, b) => a - b));
  });

  it('are each n-gram once, ascending, for a clause of a few characters as for a long one', () => {
    // Every n-gram of a text lies in one of its three-character windows.
    const windows = (text: string) => [...new Set([...text].flatMap((_, i) => [...clauseFeatures(space, text.slice(i, i + 3))]))].sort((a, b) => a - b);
    for (const text of ['好', '好好好好', '送餐太慢了等了两个小时', '很好很好很好很好', '味道很好，送餐很快，包装也很严实，下次还会再点的，好评好评']) {
      expect([...clauseFeatures(space, text)]).toEqual(windows(text));
    }
  });
});

describe('training', () => {
  it('is deterministic and learns the topics and polarities of its examples', () => {
    const a = train();
    const b = train();
    expect(Buffer.from(a.tagger.weights.buffer).equals(Buffer.from(b.tagger.weights.buffer))).toBe(true);
    const slow = predictClause(a, '送餐太慢了');
    expect(slow.topics[0]).toBeGreaterThan(0.5);
    expect(slow.topics[1]).toBeLessThan(0.5);
    expect(Array.from(predictClause(a, '味道很好').polarity).indexOf(Math.max(...predictClause(a, '味道很好').polarity))).toBe(2);
  });
});

describe('the model directory', () => {
  it('round-trips through int8 weights with predictions within quantization error', () => {
    const model = train();
    saveAspectModel(dir, model);
    const loaded = loadAspectModel(dir);
    for (const text of ['送餐太慢了', '味道很好', '没见过的句子']) {
      const [x, y] = [predictClause(model, text), predictClause(loaded, text)];
      for (let t = 0; t < 2; t++) expect(Math.abs(x.topics[t]! - y.topics[t]!)).toBeLessThan(0.02);
    }
  });

  it('names the file and what to do when it is missing or damaged', () => {
    expect(() => loadAspectModel(path.join(dir, 'nowhere'))).toThrow(ConfigError);
    expect(() => loadAspectModel(path.join(dir, 'nowhere'))).toThrow(/config\.json: cannot read the aspect model .*painpoint train --task aspects/);
    fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.alloc(10));
    expect(() => loadAspectModel(dir)).toThrow(/weights\.bin: the weights do not match config\.json/);
  });

  it('the shipped model is small and holds the 21 topics', () => {
    const shipped = resolveFromRoot('models/aspects-zh');
    expect(fs.statSync(path.join(shipped, 'weights.bin')).size).toBeLessThan(4 * 1024 * 1024);
    expect(loadAspectModel(shipped).topics).toHaveLength(21);
  });

  it('the fast path scores a clause in its review as model.ts does, and the review changes the topics', () => {
    const model = loadAspectModel(resolveFromRoot('models/aspects-zh'));
    expect(model.readsContext).toBe(true);
    expect(model.masksKeywords).toBe(true);
    const fast = clauseAspectModel(model);
    const review = '手机用了两天，速度慢得要命，屏幕也不亮';
    const clause = '速度慢得要命';
    const expected = predictClause(model, clause, review);
    const got = fast.tag(clause, fast.context!(review));
    for (let t = 0; t < model.topics.length; t++) expect(got[t]).toBeCloseTo(expected.topics[t]!, 5);
    // Read alone, the clause is about delivery speed more than it is in a review about a phone.
    const timeliness = model.topics.indexOf('delivery.timeliness');
    expect(predictClause(model, clause).topics[timeliness]).toBeGreaterThan(expected.topics[timeliness]!);
    const polarity = predictClause(model, '味道很好').polarity;
    expect(Array.from(fast.polarity('味道很好')).map((p, i) => p - polarity[i]!).every((d) => Math.abs(d) < 1e-5)).toBe(true);
  });

  it('the fast path scores as model.ts does for any number of topics, seven at a time and the rest', () => {
    const topics = 9;
    const tagger = fitTagger(clauses.map((c, i) => ({ features: clauseFeatures(space, c.text), topics: [...c.topics, 2 + (i % 7)], weight: 1 })), topics, fit);
    const model: AspectModel = { ...train(), topics: Array.from({ length: topics }, () => 'product.taste'), thresholds: new Float32Array(topics).fill(0.5), tagger };
    const fast = clauseAspectModel(model);
    for (const text of [...clauses.map((c) => c.text), '没见过的句子']) {
      const want = predictClause(model, text).topics;
      expect(Array.from(fast.tag(text)).every((p, i) => Math.abs(p - want[i]!) < 1e-5)).toBe(true);
    }
  });

  it('the fast path reads each clause afresh, whether the tagger or the polarity classifier read another last', () => {
    const model = loadAspectModel(resolveFromRoot('models/aspects-zh'));
    const fast = clauseAspectModel(model);
    const close = (got: Float32Array, want: Float32Array) => expect(Array.from(got).every((p, i) => Math.abs(p - want[i]!) < 1e-5)).toBe(true);
    for (const [before, text] of [['味道很好', '味道很好'], ['送餐太慢了', '味道很好'], ['味道很好', '送餐太慢了']] as const) {
      fast.tag(before);
      close(fast.polarity(text), predictClause(model, text).polarity);
      fast.polarity(before);
      close(Float32Array.from(fast.tag(text)), predictClause(model, text).topics);
    }
  });
});
