/**
 * Clause sentiment from the lexicon, scored by the `sentiment` package with a Chinese language
 * registered on it: our word weights (plus AFINN for English words in mixed posts, plus the
 * package's emoji), and a scoring strategy for negators and degree adverbs.
 *
 * The words scored are the jieba tokens, after tokens the segmenter glued together (太慢 → 太 慢,
 * 没坏 → 没 坏) are split and neighbours that form a lexicon entry (没有 冰袋 → 没有冰袋) are joined,
 * so that the lexicon sees the words it lists.
 */
import Sentiment from 'sentiment';
import { createRequire } from 'node:module';
import type { Lexicon, Token } from '../types.ts';
import { codeUnitSet } from '../code-unit-set.ts';
import { deniedAfter } from '../negation.ts';

export interface ClauseScorer {
  /** Signed clause sentiment in [-1, 1]; 0 when no sentiment word is present. */
  score(tokens: readonly Token[]): number;
  /** Raw (unsquashed) score of words, as scored on the hot path. */
  rawScore(words: readonly string[]): number;
  /** The raw score `sentiment`'s own analyze() gives the same words with the registered language. */
  packageScore(words: readonly string[]): number;
}

/** How far back (in tokens) a negator or degree adverb still applies to a sentiment word. */
const SCOPE = 3;
/** 不好吃 is as bad as 好吃 is good, but 没变质 is only mildly good: negated complaints are damped. */
const NEGATED_NEGATIVE = -0.5;
/** Adverbs the segmenter glues to the word after them (也好, 都坏了, 还行): split off before lookup. */
const GLUE_HEADS = new Set([...'也都还又全就真']);
/** Glued tokens whose split is remembered before that memory starts over. */
const WORD_CACHE = 50_000;
const PREFIX = 1;
const SUFFIX = 2;
/** A word with a weight (a sentiment word; its weight may be 0). */
const WORD = 4;
const NEGATOR = 8;
const DEGREE = 16;
const MODIFIER = NEGATOR | DEGREE;

interface WordInfo {
  flags: number;
  /** The word's weight where it is a WORD, else 0. */
  weight: number;
  /** The factor of a DEGREE adverb, else 1. */
  degree: number;
  /** How a glued token splits (太慢 → 太, 慢), or null to keep it whole. */
  parts: readonly string[] | null;
  /** The info of each part, beside `parts`. */
  partInfos: readonly WordInfo[] | null;
  /**
   * Where this is the start of sentiment words (a PREFIX): each rest that completes one, with the
   * whole word and its info. The score joins neighbours through it instead of concatenating them
   * for a lookup, which allocated a string for every pair of tokens that might join.
   */
  joins: Map<string, { word: string; info: WordInfo }> | null;
}
const itself = (w: string) => w;
const NO_INFO: WordInfo = { flags: 0, weight: 0, degree: 1, parts: null, partInfos: null, joins: null };
/** Squashes a raw sum of weights into (-1, 1): one weight-3 word ≈ 0.61, two ≈ 0.84. */
const SQUASH = 15;

// AFINN-165, the English weights `sentiment` ships, scores English words in mixed posts. Loaded
// through require: it is a JSON module of the package, like its code.
const afinn = createRequire(import.meta.url)('sentiment/languages/en/labels.json') as Record<string, number>;

// `sentiment` keeps registered languages in one module-wide table; a code per scorer keeps
// analyzers built from different lexicons (tests, a reloaded config) from overwriting each other.
let languageCount = 0;

export function createLexiconScorer(lexicon: Lexicon): ClauseScorer {
  const engine = new Sentiment();
  const language = `zh${++languageCount}`;
  const labels: Record<string, number> = { ...afinn };
  const { negators, degree } = lexicon;

  // The package's analyze() calls this on its own tokens; the hot path calls applyModifiers directly
  // with the infos it looked up while building the words.
  const strategy = {
    apply: (tokens: string[], cursor: number, weight: number): number => applyModifiers(tokens, tokens.map(classOf), cursor, weight),
  };
  engine.registerLanguage(language, { labels, scoringStrategy: strategy });
  // Registration merges the package's emoji weights over ours; ours win.
  for (const [word, weight] of lexicon.words) labels[word] = weight;
  // Map lookups beat a 3,000-key object.
  const weights = new Map(Object.entries(labels));

  const lastChars = new Set<string>();
  for (const word of weights.keys()) if (word.length > 1) lastChars.add(word[word.length - 1]!);
  // The same tests as bitmaps over UTF-16 code units, for the hot path: can a token starting (ending)
  // with this character be a glued modifier + word (a word + sentiment word)?
  const splitHead = new Uint8Array(0x10000);
  const splitTail = new Uint8Array(0x10000);
  for (const w of [...negators, ...degree.keys(), ...GLUE_HEADS]) if (w.length === 1) splitHead[w.charCodeAt(0)] = 1;
  for (const c of lastChars) if (c.length === 1) splitTail[c.charCodeAt(0)] = 1;
  const isModifier = (w: string) => negators.has(w) || degree.has(w);
  const lower = (w: string) => (w.charCodeAt(0) < 0x80 ? w.toLowerCase() : w);

  /**
   * The weight of the sentiment word at `cursor` under the negators and degree adverbs before it and
   * a denial after it; `infos[k]` is the info of `words[k]`. The registered language's strategy.
   */
  function applyModifiers(words: readonly string[], infos: readonly WordInfo[], cursor: number, weight: number): number {
    let factor = 1;
    let negated = false;
    for (let k = cursor - 1; k >= 0 && k >= cursor - SCOPE; k--) {
      const info = infos[k]!;
      if (info.flags & NEGATOR) negated = !negated;
      else if (info.flags & DEGREE) factor *= info.degree;
      // Another sentiment word ends the scope: 不错 好吃 does not negate 好吃.
      else if (info.weight !== 0) break;
    }
    if (deniedAfter(words, itself, cursor)) negated = !negated;
    const scaled = weight * factor;
    if (!negated) return scaled;
    return scaled > 0 ? -scaled : scaled * NEGATED_NEGATIVE;
  }

  // The scoring of `sentiment`'s analyze() (right to left, the registered language's strategy on each
  // labelled word), run here on the words directly: analyze() would join them, re-split them with
  // regexes and collect arrays of every hit for each clause, which made it the slowest step.
  function scoreWords(list: readonly string[], infos: readonly WordInfo[]): number {
    let raw = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const info = infos[i]!;
      if (info.flags & WORD) raw += applyModifiers(list, infos, i, info.weight);
    }
    return raw;
  }

  /** The parts of a word the segmenter glued together, or null to keep it whole. */
  function splitGlued(w: string): readonly string[] | null {
    const head = w[0]!;
    if (isModifier(head) || GLUE_HEADS.has(head)) {
      const rest = w.slice(1);
      if (weights.has(rest)) return [head, rest];
    }
    // A word jieba keeps whole with a sentiment word at its end (价格便宜, 服务态度好); a one-character
    // tail only after a degree adverb (越来越少), where it cannot be part of a noun.
    if (w.length > 2 && lastChars.has(w[w.length - 1]!)) {
      for (let cut = 1; cut < w.length; cut++) {
        if (weights.has(w.slice(cut)) && (cut < w.length - 1 || degree.has(w.slice(0, cut)))) return [w.slice(0, cut), w.slice(cut)];
      }
    }
    return null;
  }

  // What the word builder needs to know of a token, in one lookup: whether it can start or end a
  // lexicon entry (so neighbours are joined only when both can), whether it is a sentiment word or a
  // modifier, and how it splits if the segmenter glued it. English entries are not split into
  // prefixes: jieba keeps English words whole, and the map stays small enough to stay in cache.
  const seeds = new Map<string, WordInfo>();
  const seed = (w: string, flag: number): WordInfo => {
    let info = seeds.get(w);
    if (info === undefined) seeds.set(w, (info = { flags: 0, weight: 0, degree: 1, parts: null, partInfos: null, joins: null }));
    info.flags |= flag;
    return info;
  };
  for (const [word, weight] of weights) {
    const info = seed(word, WORD);
    info.weight = weight;
    if (word.charCodeAt(0) < 0x80) continue;
    for (let k = 1; k < word.length; k++) {
      const head = seed(word.slice(0, k), PREFIX);
      (head.joins ??= new Map()).set(word.slice(k), { word, info });
      seed(word.slice(k), SUFFIX);
    }
  }
  for (const w of negators) seed(w, NEGATOR);
  for (const [w, factor] of degree) seed(w, DEGREE).degree = factor;
  /** What the scoring reads of a word: its weight and whether it is a negator or degree adverb. */
  const classOf = (w: string): WordInfo => seeds.get(w) ?? NO_INFO;
  const glueInfo = (parts: readonly string[] | null): WordInfo =>
    parts === null ? NO_INFO : { flags: 0, weight: 0, degree: 1, parts, partInfos: parts.map(classOf), joins: null };
  for (const [w, info] of seeds) {
    if (w.length > 1 && !(info.flags & (WORD | MODIFIER))) {
      info.parts = splitGlued(w);
      info.partInfos = info.parts && info.parts.map(classOf);
    }
  }

  // Other tokens (most of them: nouns) split only when their first or last character says they might;
  // those few are remembered, within a bound, since texts repeat their vocabulary.
  let glued = new Map<string, WordInfo>();
  // The first and last code units of the seeds: over half the tokens have one that starts or ends
  // none, and two array reads tell so before hashing the token for a lookup that would miss.
  const seedHeads = codeUnitSet([...seeds.keys()].map((w) => w[0]!));
  const seedTails = codeUnitSet([...seeds.keys()].map((w) => w[w.length - 1]!));
  const infoOf = (w: string): WordInfo => {
    const info = seedHeads[w.charCodeAt(0)] === 1 && seedTails[w.charCodeAt(w.length - 1)] === 1 ? seeds.get(w) : undefined;
    if (info !== undefined) return info;
    if (w.length < 2) return NO_INFO;
    if (splitHead[w.charCodeAt(0)] !== 1 && !(w.length > 2 && splitTail[w.charCodeAt(w.length - 1)] === 1)) return NO_INFO;
    let split = glued.get(w);
    if (split === undefined) {
      if (glued.size >= WORD_CACHE) glued = new Map();
      split = glueInfo(splitGlued(w));
      glued.set(w, split);
    }
    return split;
  };

  // The words of the clause being scored and their infos, reused: scoring is synchronous.
  const words: string[] = [];
  const infos: WordInfo[] = [];
  return {
    score(tokens) {
      words.length = 0;
      infos.length = 0;
      const n = tokens.length;
      let next = n > 0 ? lower(tokens[0]!.word) : '';
      let nextInfo = n > 0 ? infoOf(next) : NO_INFO;
      for (let i = 0; i < n; i++) {
        const w = next;
        const info = nextInfo;
        next = i + 1 < n ? lower(tokens[i + 1]!.word) : '';
        nextInfo = i + 1 < n ? infoOf(next) : NO_INFO;
        if (info.flags & PREFIX && nextInfo.flags & SUFFIX) {
          const joined = info.joins?.get(next);
          if (joined !== undefined && !(info.flags & WORD && nextInfo.flags & WORD)) {
            words.push(joined.word);
            infos.push(joined.info);
            i++;
            next = i + 1 < n ? lower(tokens[i + 1]!.word) : '';
            nextInfo = i + 1 < n ? infoOf(next) : NO_INFO;
            continue;
          }
        }
        if (info.parts !== null) {
          for (let k = 0; k < info.parts.length; k++) {
            words.push(info.parts[k]!);
            infos.push(info.partInfos![k]!);
          }
          continue;
        }
        words.push(w);
        infos.push(info);
      }
      const raw = scoreWords(words, infos);
      return raw === 0 ? 0 : raw / Math.sqrt(raw * raw + SQUASH);
    },
    rawScore: (list) => scoreWords(list, list.map(classOf)),
    packageScore: (list) => engine.analyze(list.join(' '), { language }).score,
  };
}
