import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from '../../../src/terminal/text-width.ts';

describe('displayWidth', () => {
  it('counts Chinese characters, fullwidth punctuation and emoji as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('口感')).toBe(4);
    expect(displayWidth('配送，太慢！')).toBe(12);
    expect(displayWidth('好吃😋')).toBe(6);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});

describe('renderTable', () => {
  it('lines columns up by display width with mixed Chinese and Latin text', () => {
    const out = renderTable(
      ['topic', '名称', 'n'],
      [
        ['product.taste', '口感', '12'],
        ['delivery.cold_chain', '冷链保鲜', '3'],
        ['x', 'ab', '100'],
      ],
      ['left', 'left', 'right'],
    );
    const lines = out.split('\n');
    // Every row's last column ends at the same display column.
    const ends = lines.filter((l) => !l.startsWith('─')).map((l) => displayWidth(l));
    expect(new Set(ends).size).toBe(1);
    expect(lines[3]).toBe('delivery.cold_chain  冷链保鲜    3');
    expect(lines[2]).toBe('product.taste        口感       12');
  });
});
