/** The learned aspect component's reading of a clause: keywords masked for the polarity classifier. */
import { describe, expect, it } from 'vitest';
import { keywordMasked } from '../../../src/nlp/components/learned-aspects.ts';
import type { Clause } from '../../../src/nlp/types.ts';

const clause = (text: string, start: number): Clause => ({ text, start, tokens: [], afterContrast: false, hypothetical: false, negations: [], score: 0 });
const hit = (start: number, end: number) => ({ start, end, pattern: 0 });

describe('keywordMasked', () => {
  it('masks each character of a keyword in the clause, in offsets of the whole text', () => {
    // 包装很好 at offset 5 of its review, 包装 a keyword at 5-7.
    expect(keywordMasked(clause('包装很好', 5), [hit(5, 7)])).toBe('□□很好');
    expect(keywordMasked(clause('泡沫箱都破了', 0), [hit(0, 3), hit(4, 6)])).toBe('□□□都□□');
  });

  it('keeps the judging characters of a keyword (没有吸管, 少送) and overlapping keywords mask once', () => {
    expect(keywordMasked(clause('饮料没有吸管', 10), [hit(12, 16), hit(14, 16)])).toBe('饮料没□□□');
    expect(keywordMasked(clause('少送了一份', 3), [hit(3, 5)])).toBe('少□了一份');
  });

  it('masks only the part of a keyword inside the clause and returns the clause itself where none is', () => {
    const text = '送餐很快';
    const c = clause(text, 4);
    expect(keywordMasked(c, [hit(2, 6), hit(20, 22)])).toBe('□□很快');
    expect(keywordMasked(c, [hit(0, 4), hit(8, 10)])).toBe(text);
    expect(keywordMasked(c, [])).toBe(text);
  });
});
