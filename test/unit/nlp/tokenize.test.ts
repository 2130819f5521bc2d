import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveFromRoot } from '../../../src/config/index.ts';
import { createTokenizer, parseUserDictionary } from '../../../src/nlp/index.ts';

const userDictionary = fs.readFileSync(resolveFromRoot('models/userdict.txt'), 'utf8');

describe('tokenizer', () => {
  it('keeps the domain words of the user dictionary whole', async () => {
    const withDict = await createTokenizer('node-rs-jieba', { userDictionary });
    const text = '毛肚鸭血冻品冷链预制菜冰袋化冻退一赔三小程序';
    const words = withDict.cut(text);
    for (const w of ['毛肚', '鸭血', '冻品', '冷链', '预制菜', '冰袋', '化冻', '退一赔三', '小程序']) expect(words).toContain(w);
  });

  it('gives back the text exactly when the words are joined', async () => {
    const t = await createTokenizer('node-rs-jieba', { userDictionary });
    for (const text of ['火锅底料味道很正宗，就是配送太慢了', 'yyds绝了😋👍 good  job', '  包装破了 漏了\n']) expect(t.cut(text).join('')).toBe(text);
  });

  it('parses user dictionary lines with optional frequency and tag, skipping comments', () => {
    expect(parseUserDictionary('# c\n冻品\n冷链 300 n\n\n')).toEqual([
      { word: '冻品', freq: undefined, tag: undefined },
      { word: '冷链', freq: 300, tag: 'n' },
    ]);
  });

  it('says how to install nodejs-jieba when it is selected but missing', async () => {
    await expect(createTokenizer('nodejs-jieba', { userDictionary })).rejects.toThrow('nodejs-jieba is not installed: npm install nodejs-jieba');
  });
});
