import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../../src/nlp/keywords/aho-corasick.ts';

describe('AhoCorasick', () => {
  it('finds every occurrence of every pattern, overlapping ones included, in one pass', () => {
    const ac = new AhoCorasick();
    const ids = ['化了', '全化了', '化成水', '不新鲜', '新鲜'].map((p) => ac.add(p));
    ac.build();
    const found: string[] = [];
    const patterns = ['化了', '全化了', '化成水', '不新鲜', '新鲜'];
    ac.scan('冰袋全化了，一点也不新鲜，化成水', (s, e, id) => found.push(`${s}-${e}:${patterns[ids.indexOf(id)]}`));
    expect(found).toEqual(['2-5:全化了', '3-5:化了', '9-12:不新鲜', '10-12:新鲜', '13-16:化成水']);
  });
});
