import { PainpointError } from '../../errors/index.ts';
import { parseUserDictionary, type Tokenizer, type TokenizerOptions } from './tokenizer.ts';

/** The part of nodejs-jieba's API used here (the package ships no types of its own). */
interface NodejsJiebaModule {
  cut(sentence: string, hmm?: boolean): string[];
  insertWord?(word: string, tag?: string): boolean;
}

// A variable specifier keeps bundlers and the type checker from requiring the optional package.
const PACKAGE = 'nodejs-jieba';

/** cppjieba through nodejs-jieba: selectable, not installed by default (@node-rs/jieba is faster). */
export async function createNodejsJieba(options: TokenizerOptions = {}): Promise<Tokenizer> {
  let mod: NodejsJiebaModule;
  try {
    const imported = (await import(PACKAGE)) as { default?: NodejsJiebaModule } & NodejsJiebaModule;
    mod = imported.default ?? imported;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new PainpointError('TOKENIZER_MISSING', 'nodejs-jieba is not installed: npm install nodejs-jieba', { cause: err });
    }
    throw err;
  }
  if (options.userDictionary) {
    for (const w of parseUserDictionary(options.userDictionary)) mod.insertWord?.(w.word, w.tag);
  }
  return {
    engine: 'nodejs-jieba',
    cut: (text) => mod.cut(text, true),
  };
}
