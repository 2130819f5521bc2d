/**
 * Negation that follows the word it denies: 一点腥味都没有, 异味也没有. (A negator before the word,
 * 没有异味, is handled where scores and alerts look back.)
 */

const JOINED = new Set(['都没有', '也没有', '都没', '也没', '都不', '也不']);
const PARTICLES = new Set(['都', '也']);
const NEGATORS = new Set(['没有', '没', '无', '不']);
const TRAILING = new Set(['了', '啊', '呢', '的', '哦', '呀', '过']);

/** Whether the word at `i` is denied by the words after it, which must end its clause. */
export function deniedAfter(wordAt: (k: number) => string | undefined, i: number): boolean {
  let k = i + 1;
  let w = wordAt(k);
  // One word may stand between: 腥味|一点|都没有 is rare, 腥味|都|没有 common.
  if (w !== undefined && !JOINED.has(w) && !PARTICLES.has(w)) w = wordAt(++k);
  if (w === undefined) return false;
  if (JOINED.has(w)) k += 1;
  else if (PARTICLES.has(w) && NEGATORS.has(wordAt(k + 1) ?? '')) k += 2;
  else return false;
  for (let rest = wordAt(k); rest !== undefined; rest = wordAt(++k)) if (!TRAILING.has(rest)) return false;
  return true;
}
