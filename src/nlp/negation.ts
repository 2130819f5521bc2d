/**
 * Negation: the scopes a clause's negators deny (没有迟到, 没坏, 异味也没有), which the alert rules
 * read from the Doc's clauses, and the test for a negation that follows the word it denies
 * (一点腥味都没有), which the lexicon scorer also uses.
 */
import { codeUnitSet, headsOf } from './code-unit-set.ts';
import type { NegationScope, Token } from './types.ts';

const JOINED = new Set(['都没有', '也没有', '都没', '也没', '都不', '也不']);
const PARTICLES = new Set(['都', '也']);
const NEGATORS = new Set(['没有', '没', '无', '不']);
const TRAILING = new Set(['了', '啊', '呢', '的', '哦', '呀', '过']);

/**
 * Whether the word at `i` of `items` is denied by the words after it, which must end its clause;
 * `wordOf` reads an item's word (the scorer passes words, negationScopes tokens).
 */
export function deniedAfter<T>(items: readonly T[], wordOf: (item: T) => string, i: number): boolean {
  let k = i + 1;
  let w = wordAt(items, wordOf, k);
  // One word may stand between: 腥味|一点|都没有 is rare, 腥味|都|没有 common.
  if (w !== undefined && !JOINED.has(w) && !PARTICLES.has(w)) w = wordAt(items, wordOf, ++k);
  if (w === undefined) return false;
  if (JOINED.has(w)) k += 1;
  else if (PARTICLES.has(w) && NEGATORS.has(wordAt(items, wordOf, k + 1) ?? '')) k += 2;
  else return false;
  for (let rest = wordAt(items, wordOf, k); rest !== undefined; rest = wordAt(items, wordOf, ++k)) if (!TRAILING.has(rest)) return false;
  return true;
}

function wordAt<T>(items: readonly T[], wordOf: (item: T) => string, k: number): string | undefined {
  return k < items.length ? wordOf(items[k]!) : undefined;
}

const tokenWord = (t: Token) => t.word;

/**
 * Modal negations the segmenter keeps whole, which deny what follows as the lexicon's negators do
 * (不能按时到, 未能送达, 没法吃).
 */
const MODAL_NEGATORS: ReadonlySet<string> = new Set(['不能', '未能', '没能', '不可能', '无法', '没法', '不再']);
const MODAL_HEADS = headsOf(MODAL_NEGATORS);

/** How many tokens after a negator it still denies (没有出现任何变质). */
const NEGATION_SCOPE = 3;
/** Negating characters that the segmenter may glue to the word they deny (没坏, 不漏, 不冰). */
export const GLUED_NEGATORS = new Set(['不', '没', '未', '无', '别']);
// The same characters as a bitmap, read for every character of every word.
const GLUED_NEGATOR_UNITS = codeUnitSet(GLUED_NEGATORS);

const NO_SCOPES: readonly NegationScope[] = Object.freeze([]);

/** The list with `scope` added: a list of its own the first time, in place after that. */
function withScope(scopes: readonly NegationScope[], scope: NegationScope): readonly NegationScope[] {
  if (scopes === NO_SCOPES) return [scope];
  (scopes as NegationScope[]).push(scope);
  return scopes;
}

/**
 * The negation scopes of one clause's tokens: a lexicon negator reaches the next NEGATION_SCOPE
 * tokens; a word that begins with a glued negator (没坏) is denied within itself; a post-negation
 * that ends the clause (异味也没有, 腥味一点都没有) denies the word before it, or the one before that.
 */
export function negationScopes(tokens: readonly Token[], negators: ReadonlySet<string>): readonly NegationScope[] {
  // Most clauses deny nothing: they share one empty list, frozen, instead of each allocating its own.
  let scopes = NO_SCOPES;
  const n = tokens.length;
  const heads = headsOf(negators);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const end = t.start + t.word.length;
    const head = t.word.charCodeAt(0);
    if ((heads[head] === 1 && negators.has(t.word)) || (MODAL_HEADS[head] === 1 && MODAL_NEGATORS.has(t.word))) {
      if (i + 1 < n) {
        const last = tokens[Math.min(n - 1, i + NEGATION_SCOPE)]!;
        scopes = withScope(scopes, { negator: t.word, at: t.start, start: end, end: last.start + last.word.length, after: false });
      }
    } else {
      // 没坏, 还没坏: the rest of the word after a glued negator.
      for (let p = 0; p < t.word.length - 1; p++) {
        if (GLUED_NEGATOR_UNITS[t.word.charCodeAt(p)] !== 1) continue;
        scopes = withScope(scopes, { negator: t.word[p]!, at: t.start + p, start: t.start + p + 1, end, after: false });
        break;
      }
    }
  }
  // A post-negation ends its clause (trailing particles aside): look there alone.
  let last = n - 1;
  while (last >= 0 && TRAILING.has(tokens[last]!.word)) last--;
  for (let i = Math.max(0, last - 4); i < last; i++) {
    if (!deniedAfter(tokens, tokenWord, i)) continue;
    const t = tokens[i]!;
    // deniedAfter allows one word between (腥味|一点|都没有): the denied word is i either way.
    const k = JOINED.has(tokens[i + 1]!.word) || PARTICLES.has(tokens[i + 1]!.word) ? i + 1 : i + 2;
    const through = tokens[k]!;
    const negator = PARTICLES.has(through.word) ? through.word + tokens[k + 1]!.word : through.word;
    scopes = withScope(scopes, { negator, at: through.start, start: t.start, end: t.start + t.word.length, after: true });
  }
  return scopes;
}

/** Whether the words at [at, end) are denied by one of the clause's scopes. */
export function inNegationScope(scopes: readonly NegationScope[], at: number, end: number): boolean {
  for (const s of scopes) {
    if (s.after ? end > s.start && end <= s.end : at >= s.start && at < s.end) return true;
  }
  return false;
}
