import { createNodejsJieba } from './nodejs-jieba.ts';
import { createNodeRsJieba } from './node-rs-jieba.ts';
import type { Tokenizer, TokenizerEngine, TokenizerOptions } from './tokenizer.ts';

export { TOKENIZER_ENGINES, parseUserDictionary, type Tokenizer, type TokenizerEngine, type TokenizerOptions } from './tokenizer.ts';

const engines = {
  'node-rs-jieba': async (options) => createNodeRsJieba(options),
  'nodejs-jieba': createNodejsJieba,
} satisfies Record<TokenizerEngine, (options: TokenizerOptions) => Promise<Tokenizer>>;

/** Builds the configured engine with the project's user dictionary loaded. */
export function createTokenizer(engine: TokenizerEngine, options: TokenizerOptions = {}): Promise<Tokenizer> {
  return engines[engine](options);
}
