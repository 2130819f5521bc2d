/**
 * Clauses: tokens grouped by sentence punctuation and contrast words. The clause after a contrast
 * (但是, 不过, 就是 …) is flagged because it carries the writer's point; a clause that asks or
 * supposes (请问, 会不会, 担心, 如果 …) is flagged so that its alert keywords raise nothing; each
 * clause carries the scopes of its negators (negation.ts).
 */
import { headsOf } from './code-unit-set.ts';
import { negationScopes } from './negation.ts';
import type { Clause, Lexicon, Token } from './types.ts';

const BREAK_CHARS = '，,。.！!？?；;…~～\n\r|｜';
/** Break characters as a bitmap over UTF-16 code units: checked for every token. */
const BREAKS = new Uint8Array(0x10000);
for (let i = 0; i < BREAK_CHARS.length; i++) BREAKS[BREAK_CHARS.charCodeAt(i)] = 1;
const ASCII_WORD = /^[A-Za-z0-9]/;

/** Tokens with their offsets; the words are expected to cover `text` exactly, in order. */
export function toTokens(text: string, words: readonly string[]): Token[] {
  const tokens = new Array<Token>(words.length);
  let offset = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // A segmenter that drops characters must not shift every later offset: find the word again.
    if (text.startsWith(word, offset)) {
      tokens[i] = { word, start: offset };
    } else {
      const at = text.indexOf(word, offset);
      tokens[i] = { word, start: at < 0 ? offset : at };
      if (at >= 0) offset = at;
    }
    offset += word.length;
  }
  return tokens;
}

/** Whitespace tokens (jieba keeps runs of spaces as tokens); cheaper than trim() on every token. */
function isSpace(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!(c === 32 || c === 9 || c === 0xa0 || c === 0x3000)) return false;
  }
  return word.length > 0;
}

function isBreak(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (BREAKS[word.charCodeAt(i)] !== 1) return false;
  return word.length > 0;
}

/**
 * The clauses of one text as they are built, token by token. A class and not a closure in
 * splitClauses: the sources run with their function names kept, which costs a named closure a
 * property definition each time it is made, and splitClauses runs for every text.
 */
class ClauseBuilder {
  readonly clauses: Clause[] = [];
  private current: Token[] = [];
  private afterContrast = false;

  constructor(
    private readonly text: string,
    private readonly lexicon: Lexicon,
  ) {}

  get empty(): boolean {
    return this.current.length === 0;
  }

  add(token: Token): void {
    this.current.push(token);
  }

  /** The next clause follows a contrast. */
  contrast(): void {
    this.afterContrast = true;
  }

  close(): void {
    const current = this.current;
    if (current.length > 0) {
      const first = current[0]!;
      const last = current[current.length - 1]!;
      this.clauses.push({
        text: this.text.slice(first.start, last.start + last.word.length),
        start: first.start,
        tokens: current,
        afterContrast: this.afterContrast,
        hypothetical: isHypothetical(current, this.lexicon.hypothetical),
        negations: negationScopes(current, this.lexicon.negators),
        score: 0,
      });
    }
    this.current = [];
    this.afterContrast = false;
  }
}

export function splitClauses(text: string, tokens: readonly Token[], lexicon: Lexicon): Clause[] {
  const builder = new ClauseBuilder(text, lexicon);
  const contrastHeads = headsOf(lexicon.contrast);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = token.word;
    if (isSpace(word)) {
      // A space separates clauses in Chinese posts, but not the words of an English phrase.
      const prev = tokens[i - 1]?.word ?? '';
      const next = tokens[i + 1]?.word ?? '';
      if (!(ASCII_WORD.test(prev) && ASCII_WORD.test(next))) builder.close();
      continue;
    }
    if (isBreak(word)) {
      builder.close();
      continue;
    }
    const contrast = contrastHeads[word.charCodeAt(0)] === 1 ? lexicon.contrast.get(word) : undefined;
    if (contrast) {
      if (builder.empty) builder.contrast();
      else if (!contrast.initialOnly) {
        builder.close();
        builder.contrast();
      }
    }
    builder.add(token);
  }
  builder.close();
  return builder.clauses;
}

/** Proper prefixes of the multi-character markers, per marker set (built once per lexicon). */
const markerPrefixes = new WeakMap<ReadonlySet<string>, Set<string>>();

function prefixesOf(markers: ReadonlySet<string>): Set<string> {
  let prefixes = markerPrefixes.get(markers);
  if (!prefixes) {
    prefixes = new Set();
    for (const m of markers) for (let k = 1; k < m.length; k++) prefixes.add(m.slice(0, k));
    markerPrefixes.set(markers, prefixes);
  }
  return prefixes;
}

function isHypothetical(tokens: readonly Token[], markers: ReadonlySet<string>): boolean {
  const prefixes = prefixesOf(markers);
  // A marker, and each of its prefixes, starts with the marker's first character.
  const heads = headsOf(markers);
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.word;
    if (heads[word.charCodeAt(0)] !== 1) continue;
    if (markers.has(word)) return true;
    // Markers the segmenter splits in two: 会|不会, 是|不是, 有|没有, and 会|不会再买 where the user
    // dictionary glues the rest of the marker to what follows it.
    const next = tokens[i + 1];
    if (next && prefixes.has(word)) {
      const joined = word + next.word;
      if (markers.has(joined)) return true;
      for (let end = word.length + 1; end < joined.length; end++) if (markers.has(joined.slice(0, end))) return true;
    }
  }
  return false;
}
