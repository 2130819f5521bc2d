import { describe, expect, it } from 'vitest';
import { ngramClassifier } from '../../../src/sentiment-model/ngram-classifier.ts';
import { trainModel } from '../../../src/sentiment-model/train.ts';
import { fixtureReviews, trainTiny } from './support.ts';

const HOTEL_TESTS = { positive: ['房间很干净，前台热情', '床舒服，隔音好'], negative: ['房间脏，隔音差', '床单有污渍，有霉味'] };
const FOOD_TESTS = { positive: ['很好吃，推荐', '味道不错，很满意'], negative: ['太难吃了，差评', '变质了，再也不买'] };

/** Mean score in the direction of the label: higher is more confidently right. */
function marginOn(score: (t: string) => number, tests: { positive: string[]; negative: string[] }): number {
  const margins = [...tests.positive.map((t) => score(t)), ...tests.negative.map((t) => -score(t))];
  return margins.reduce((a, b) => a + b, 0) / margins.length;
}

function accuracyOn(score: (t: string) => number, tests: { positive: string[]; negative: string[] }): number {
  const right = tests.positive.filter((t) => score(t) > 0).length + tests.negative.filter((t) => score(t) < 0).length;
  return right / (tests.positive.length + tests.negative.length);
}

describe('trainModel', () => {
  it('learns to separate positive from negative reviews and reports held-out accuracy', () => {
    const result = trainTiny(fixtureReviews('food'), { validFraction: 0.2, seed: 3 });
    expect(result.validCount).toBe(10);
    expect(result.valid).toHaveLength(10);
    expect(result.validAccuracy).toBeGreaterThanOrEqual(0.6);
    const model = ngramClassifier(result.model);
    expect(accuracyOn(model.score, FOOD_TESTS)).toBe(1);
  });

  it('is reproducible from its seed', () => {
    const a = trainTiny(fixtureReviews('food'), { seed: 7, dropout: 0.2 });
    const b = trainTiny(fixtureReviews('food'), { seed: 7, dropout: 0.2 });
    expect(a.model.weights).toEqual(b.model.weights);
  });

  it('warm start adapts to a new domain and keeps what it knew', () => {
    const base = trainTiny(fixtureReviews('food')).model;
    const before = ngramClassifier(base);
    const adapted = ngramClassifier(trainModel(fixtureReviews('hotel'), { init: base, epochs: 30, validFraction: 0, dropout: 0 }).model);
    expect(marginOn(adapted.score, HOTEL_TESTS)).toBeGreaterThan(marginOn(before.score, HOTEL_TESTS) + 0.1);
    expect(accuracyOn(adapted.score, HOTEL_TESTS)).toBe(1);
    // What it knew: the food reviews it was trained on and new ones like them.
    expect(accuracyOn(adapted.score, FOOD_TESTS)).toBe(1);
    const food = fixtureReviews('food');
    const stillRight = food.filter((r) => (adapted.score(r.text) > 0 ? 1 : 0) === r.label).length;
    expect(stillRight / food.length).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps the warm-start vocabulary and feature space', () => {
    const base = trainTiny(fixtureReviews('food')).model;
    const adapted = trainModel(fixtureReviews('hotel'), { init: base, epochs: 2, validFraction: 0 }).model;
    expect(adapted.vocab).toBe(base.vocab);
    expect(adapted.space).toEqual(base.space);
    expect(adapted.weights.length).toBe(base.weights.length);
  });

  it('rejects impossible options with a plain sentence', () => {
    expect(() => trainModel(fixtureReviews('food'), { validFraction: 1 })).toThrow(/validFraction must be in \[0, 1\)/);
    expect(() => trainModel([], {})).toThrow(/at least 2 labelled reviews/);
  });
});
