import { describe, expect, it } from 'vitest';
import { hasTraditional, normalize } from '../../../src/nlp/index.ts';

describe('normalize', () => {
  it('converts Traditional to Simplified', () => {
    expect(normalize('冷凍水餃已經化了')).toBe('冷冻水饺已经化了');
    expect(normalize('發霉 過期 變質 頭髮')).toBe('发霉 过期 变质 头发');
  });

  it('leaves Simplified text untouched (no conversion pass at all)', () => {
    expect(hasTraditional('火锅底料味道很正宗，就是配送太慢了')).toBe(false);
    expect(hasTraditional('我吃了一碗面')).toBe(false);
    expect(hasTraditional('麵條')).toBe(true);
    expect(normalize('火锅底料味道很正宗，就是配送太慢了')).toBe('火锅底料味道很正宗，就是配送太慢了');
  });

  it('folds full-width ASCII but keeps Chinese punctuation', () => {
    expect(normalize('ＡＢＣ１２３ｙｙｄｓ！')).toBe('ABC123yyds！');
    expect(normalize('好吃，不贵；还会买？')).toBe('好吃，不贵；还会买？');
  });

  it('strips HTML tags and decodes entities', () => {
    expect(normalize('<p>好吃&amp;实惠</p><br/>&#x1F60B;')).toBe('好吃&实惠 😋');
  });

  it('leaves no live markup where the source had escaped it', () => {
    expect(normalize('&lt;script&gt;alert(1)&lt;/script&gt;变质了')).toBe('alert(1) 变质了');
    expect(normalize('&lt;img src=x onerror=alert(1)&gt;好评')).toBe('好评');
    expect(normalize('爱你&lt;3')).toBe('爱你<3');
  });

  it('folds whitespace, drops zero-width characters, keeps emoji', () => {
    expect(normalize('  好\u200B吃 \n\t 😋👍　真香  ')).toBe('好吃 😋👍 真香');
  });

  it('handles empty and 100 KB text', () => {
    expect(normalize('')).toBe('');
    const big = '味道很正宗，就是配送太慢了。'.repeat(7500);
    expect(normalize(big)).toBe(big);
  });
});
