import { describe, expect, it } from 'vitest';
import { readLexicon } from '../../../src/analysis/index.ts';
import { resolveFromRoot } from '../../../src/config/index.ts';
import { createLexiconScorer, type Token } from '../../../src/nlp/index.ts';

const lexicon = readLexicon(resolveFromRoot('models/lexicon'));
const scorer = createLexiconScorer(lexicon);
const tokens = (...words: string[]): Token[] => {
  let start = 0;
  return words.map((word) => {
    const t = { word, start };
    start += word.length;
    return t;
  });
};

describe('lexicon scorer', () => {
  it('scores exactly as the sentiment package does with the registered Chinese language', () => {
    for (const words of [['好吃'], ['不', '好吃'], ['非常', '好吃'], ['一点', '都', '没', '变质'], ['不错', '好吃'], ['很', '失望', '😡'], ['very', 'good'], ['没有', '太', '差']]) {
      expect(scorer.rawScore(words), words.join(' ')).toBe(scorer.packageScore(words));
    }
  });

  it('flips positive words under a negator and damps negated complaints', () => {
    const good = scorer.score(tokens('好吃'));
    expect(scorer.score(tokens('不', '好吃'))).toBeCloseTo(-good, 5);
    const bad = scorer.score(tokens('变质'));
    const notBad = scorer.score(tokens('没', '变质'));
    expect(notBad).toBeGreaterThan(0);
    expect(notBad).toBeLessThan(-bad);
  });

  it('reads praise denied by 不怎么 and 没多, and as the segmenter glues it (不太好用 is 不太好 / 用)', () => {
    expect(scorer.score(tokens('赠品', '不怎么', '好'))).toBeLessThan(0);
    expect(scorer.score(tokens('没多', '好'))).toBeLessThan(0);
    expect(scorer.score(tokens('不太好', '用'))).toBeLessThan(0);
    expect(scorer.score(tokens('不太', '理想'))).toBeLessThan(0);
  });

  it('applies degree adverbs, glued ones included', () => {
    expect(scorer.score(tokens('太', '慢'))).toBeLessThan(scorer.score(tokens('慢')));
    expect(scorer.score(tokens('太慢'))).toBeLessThan(0);
    expect(scorer.score(tokens('有点', '贵'))).toBeGreaterThan(scorer.score(tokens('贵')));
  });

  it('joins neighbours that form an entry and splits a word ending in one', () => {
    expect(scorer.score(tokens('没有', '冰袋'))).toBeLessThan(0);
    expect(scorer.score(tokens('价格便宜'))).toBeGreaterThan(0);
  });

  it('is 0 where no word carries sentiment, within (-1, 1) otherwise', () => {
    expect(scorer.score(tokens('今天', '下午', '收到'))).toBe(0);
    const many = scorer.score(tokens(...Array(50).fill('好吃')));
    expect(many).toBeGreaterThan(0.99);
    expect(many).toBeLessThan(1);
  });
});
