import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CharTokenizer, buildVocabulary, tokenizerFiles } from '../../../src/sentiment-model/char-tokenizer.ts';

const corpus = fs
  .readFileSync(new URL('../../fixtures/sentiment/food.csv', import.meta.url), 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.slice(2));

// Texts that exercise each step of BERT tokenization: CJK splitting, ASCII words into ## pieces,
// punctuation, emoji, accents, control characters, unknown characters and truncation.
const SAMPLES = [
  '很好吃，下次还来',
  'iPhone 手机不错 OK!! 😋😋',
  'ÉCOLE café naïve Ｆｕｌｌ',
  '送餐\t太慢\u0000了\u200b，\r\n差评',
  '味道😡😡😡 再也不买了!!!???',
  '鑫淼焱垚 unseen 字 and words',
  'abc123def 4.5分 100%满意',
  '',
  '   ',
  '好'.repeat(40),
  `${'x'.repeat(120)} 好`,
];

describe('CharTokenizer', () => {
  let dir: string;
  const maxLength = 24;
  let vocab: string[];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-tok-'));
    vocab = buildVocabulary([...corpus, 'iPhone OK abc def 123 4.5 % 😋 é café σς i̇ 👍'], { minCount: 1 });
    const { tokenizer, tokenizerConfig } = tokenizerFiles(vocab, maxLength);
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
    fs.writeFileSync(path.join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));
    env.allowRemoteModels = false;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the same ids as the transformers tokenizer, truncation included', async () => {
    const reference = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
    const ours = new CharTokenizer(vocab, maxLength);
    for (const text of [...SAMPLES, ...corpus]) {
      const expected = (reference(text, { truncation: true }).input_ids.tolist() as bigint[][])[0]!.map(Number);
      expect([...ours.encode(text)], text).toEqual(expected);
    }
  });

  it('gives the same ids on random mixes of scripts, cases, marks and control characters', async () => {
    const reference = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
    const ours = new CharTokenizer(vocab, maxLength);
    const pool = [...'好吃很差了的鑫ABCabcΣσİiéE\u0301😋👍，。！?!.-_ \t\n\u200b\u0000\ufffd\ufeff123％Ｆ'];
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 300; k++) {
      const length = 1 + Math.floor(next() * 30);
      const text = Array.from({ length }, () => pool[Math.floor(next() * pool.length)]!).join('');
      const expected = (reference(text, { truncation: true }).input_ids.tolist() as bigint[][])[0]!.map(Number);
      expect([...ours.encode(text)], JSON.stringify(text)).toEqual(expected);
    }
  });

  it('writes the same ids into a buffer kept from text to text', () => {
    const ours = new CharTokenizer(vocab, maxLength);
    const buffer = new Int32Array(maxLength);
    // Longest first, so that a shorter text would show anything left behind by the one before.
    for (const text of [...SAMPLES].sort((a, b) => b.length - a.length)) {
      const n = ours.encodeInto(text, buffer);
      expect([...buffer.subarray(0, n)], JSON.stringify(text)).toEqual([...ours.encode(text)]);
    }
  });

  it('splits Chinese into characters and keeps a long text within maxLength', () => {
    const ours = new CharTokenizer(vocab, maxLength);
    const ids = ours.encode('很好吃');
    expect([...ids].map((id) => vocab[id])).toEqual(['[CLS]', '很', '好', '吃', '[SEP]']);
    expect(ours.encode('好'.repeat(100)).length).toBe(maxLength);
  });
});
