import { describe, expect, it } from 'vitest';
import { labelPolarities } from '../../../src/sentiment-model/label-polarity.ts';

describe('labelPolarities', () => {
  it('reads names in English and Chinese, any case', () => {
    expect(labelPolarities({ 0: 'NEGATIVE', 1: 'Positive' }, 'c.json')).toEqual([-1, 1]);
    expect(labelPolarities({ 0: '正面', 1: '负面' }, 'c.json')).toEqual([1, -1]);
    expect(labelPolarities({ 0: 'negative', 1: 'neutral', 2: 'positive' }, 'c.json')).toEqual([-1, 0, 1]);
  });

  it('spreads star ratings from -1 to +1', () => {
    expect(labelPolarities({ 0: '1 star', 1: '2 stars', 2: '3 stars', 3: '4 stars', 4: '5 stars' }, 'c.json')).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(labelPolarities({ 0: '5星', 1: '1星' }, 'c.json')).toEqual([1, -1]);
  });

  it('follows the documented convention for generic names', () => {
    expect(labelPolarities({ 0: 'LABEL_0', 1: 'LABEL_1' }, 'c.json')).toEqual([-1, 1]);
    expect(labelPolarities({ 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' }, 'c.json')).toEqual([-1, 0, 1]);
  });

  it('names the file, key and label it cannot place', () => {
    expect(() => labelPolarities({ 0: 'negative', 1: 'sports' }, 'm/config.json')).toThrow(/m\/config\.json: id2label\.1: label "sports" \(class 1\)/);
    expect(() => labelPolarities({ 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2', 3: 'LABEL_3' }, 'm/config.json')).toThrow(/label_0/);
    expect(() => labelPolarities({ 0: 'positive' }, 'm/config.json')).toThrow(/at least two label names/);
  });
});
