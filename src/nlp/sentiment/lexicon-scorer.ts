/**
 * Clause sentiment from the lexicon, scored by the `sentiment` package with a Chinese language
 * registered on it: our word weights (plus AFINN for English words in mixed posts, plus the
 * package's emoji), and a scoring strategy for negators and degree adverbs.
 *
 * `sentiment` splits its input on spaces, so it is fed the jieba tokens joined by spaces; before that,
 * tokens the segmenter glued together (太慢 → 太 慢, 没坏 → 没 坏) are split and neighbours that form a
 * lexicon entry (没有 冰袋 → 没有冰袋) are joined, so that the lexicon sees the words it lists.
 */
import Sentiment from 'sentiment';
import { createRequire } from 'node:module';
import type { Lexicon, Token } from '../types.ts';

export interface ClauseScorer {
  /** Signed clause sentiment in [-1, 1]; 0 when no sentiment word is present. */
  score(tokens: readonly Token[]): number;
}

/** How far back (in tokens) a negator or degree adverb still applies to a sentiment word. */
const SCOPE = 3;
/** 不好吃 is as bad as 好吃 is good, but 没变质 is only mildly good: negated complaints are damped. */
const NEGATED_NEGATIVE = -0.5;
/** Adverbs the segmenter glues to the word after them (也好, 都坏了, 还行): split off before lookup. */
const GLUE_HEADS = new Set([...'也都还又全就真']);
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
          else if (labels[t]) break;
        }
      }
      const scaled = weight * factor;
      if (!negated) return scaled;
      return scaled > 0 ? -scaled : scaled * NEGATED_NEGATIVE;
    },
  };
  engine.registerLanguage(language, { labels, scoringStrategy: strategy });
  // Registration merges the package's emoji weights over ours; ours win.
  for (const [word, weight] of lexicon.words) labels[word] = weight;

  const isWord = (w: string) => labels[w] !== undefined && Object.hasOwn(labels, w);
  const isModifier = (w: string) => negators.has(w) || degree.has(w);

  const words: string[] = [];
  return {
    score(tokens) {
      words.length = 0;
      for (let i = 0; i < tokens.length; i++) {
        const w = tokens[i]!.word.toLowerCase();
        const next = tokens[i + 1]?.word.toLowerCase();
        if (next !== undefined && isWord(w + next) && !(isWord(w) && isWord(next))) {
          words.push(w + next);
          i++;
          continue;
        }
        if (w.length > 1 && !isWord(w) && !isModifier(w)) {
          const head = w[0]!;
          const rest = w.slice(1);
          if ((isModifier(head) || GLUE_HEADS.has(head)) && isWord(rest)) {
            words.push(head, rest);
            continue;
          }
        }
        // A word jieba keeps whole with a sentiment word at its end (价格便宜, 服务态度好).
        if (w.length > 2 && !isWord(w) && !isModifier(w)) {
          let split = false;
          for (let cut = 1; cut < w.length - 1 && !split; cut++) {
            const tail = w.slice(cut);
            if (isWord(tail)) {
              words.push(w.slice(0, cut), tail);
              split = true;
            }
          }
          if (split) continue;
        }
        words.push(w);
      }
      if (words.length === 0) return 0;
      const raw = engine.analyze(words.join(' '), { language }).score;
      return raw === 0 ? 0 : raw / Math.sqrt(raw * raw + SQUASH);
    },
  };
}
