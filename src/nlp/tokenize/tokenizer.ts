/** One word segmenter interface, whichever jieba engine is behind it. */

export type TokenizerEngine = 'node-rs-jieba' | 'nodejs-jieba';
export const TOKENIZER_ENGINES: readonly TokenizerEngine[] = ['node-rs-jieba', 'nodejs-jieba'];

export interface Tokenizer {
  readonly engine: TokenizerEngine;
  /** Words of `text` in order; joined they give back `text` exactly (spaces and punctuation included). */
  cut(text: string): string[];
}

export interface TokenizerOptions {
  /**
   * The contents of a jieba user dictionary: one `word [freq] [tag]` per line, `#` comments allowed.
   * Domain words (冻品, 冷链, 毛肚 …) listed there stay whole.
   */
  userDictionary?: string | undefined;
}

export interface UserWord {
  word: string;
  freq: number | undefined;
  tag: string | undefined;
}

/** Parses user dictionary text; blank lines and `#` comments are skipped. */
export function parseUserDictionary(text: string): UserWord[] {
  const words: UserWord[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [word, freq, tag] = line.split(/\s+/);
    if (!word) continue;
    const n = freq === undefined ? undefined : Number(freq);
    words.push({ word, freq: n !== undefined && Number.isFinite(n) ? n : undefined, tag });
  }
  return words;
}
