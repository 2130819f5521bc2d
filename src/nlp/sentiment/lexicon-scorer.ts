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
/** Words whose split is remembered before the memory starts over. */
const SPLIT_CACHE = 50_000;
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
  // Filled once registration is done; the strategy reads it (Map lookups beat a 3,000-key object).
  let weights = new Map<string, number>();

  const strategy = {
    apply(tokens: string[], cursor: number, weight: number): number {
      let factor = 1;
      let negated = false;
      for (let k = cursor - 1; k >= 0 && k >= cursor - SCOPE; k--) {
        const t = tokens[k]!;
        if (negators.has(t)) negated = !negated;
        else {
          const d = degree.get(t);
          if (d !== undefined) factor *= d;
          // Another sentiment word ends the scope: 不错 好吃 does not negate 好吃.
          else if (weights.get(t)) break;
        }
      }
      if (deniedAfter((k) => tokens[k], cursor)) negated = !negated;
      const scaled = weight * factor;
      if (!negated) return scaled;
      return scaled > 0 ? -scaled : scaled * NEGATED_NEGATIVE;
    },
  };
  engine.registerLanguage(language, { labels, scoringStrategy: strategy });
  // Registration merges the package's emoji weights over ours; ours win.
  for (const [word, weight] of lexicon.words) labels[word] = weight;
  weights = new Map(Object.entries(labels));

  // Proper prefixes and last characters of the multi-character entries: a token that is neither
  // cannot start a joined entry or end one, so most tokens cost one Set lookup, not a string concat.
  const prefixes = new Set<string>();
  const lastChars = new Set<string>();
  for (const word of weights.keys()) {
    if (word.length < 2) continue;
    lastChars.add(word[word.length - 1]!);
    for (let k = 1; k < word.length; k++) prefixes.add(word.slice(0, k));
  }
  const isModifier = (w: string) => negators.has(w) || degree.has(w);
  const lower = (w: string) => (w.charCodeAt(0) < 0x80 ? w.toLowerCase() : w);

  // The scoring of `sentiment`'s analyze() (right to left, the registered language's strategy on each
  // labelled word), run here on the tokens directly: analyze() would join them, re-split them with
  // regexes and collect arrays of every hit for each clause, which made it the slowest step.
  function rawScore(list: readonly string[]): number {
    let raw = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const weight = weights.get(list[i]!);
      if (weight !== undefined) raw += strategy.apply(list as string[], i, weight);
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
  const splits = new Map<string, readonly string[] | null>();

  const words: string[] = [];
  return {
    score(tokens) {
      words.length = 0;
      let next = tokens.length > 0 ? lower(tokens[0]!.word) : '';
      for (let i = 0; i < tokens.length; i++) {
        const w = next;
        next = i + 1 < tokens.length ? lower(tokens[i + 1]!.word) : '';
        if (next !== '' && prefixes.has(w)) {
          const joined = w + next;
          if (weights.has(joined) && !(weights.has(w) && weights.has(next))) {
            words.push(joined);
            i++;
            next = i + 1 < tokens.length ? lower(tokens[i + 1]!.word) : '';
            continue;
          }
        }
        if (w.length > 1 && !weights.has(w) && !isModifier(w)) {
          let parts = splits.get(w);
          if (parts === undefined) {
            // Texts repeat their vocabulary: remember each word's split, within a bound.
            if (splits.size >= SPLIT_CACHE) splits.clear();
            splits.set(w, (parts = splitGlued(w)));
          }
          if (parts !== null) {
            for (const part of parts) words.push(part);
            continue;
          }
        }
        words.push(w);
      }
      const raw = rawScore(words);
      return raw === 0 ? 0 : raw / Math.sqrt(raw * raw + SQUASH);
    },
    rawScore,
    packageScore: (list) => engine.analyze(list.join(' '), { language }).score,
  };
}
