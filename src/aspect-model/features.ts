/**
 * Clause features of the aspect models: character 1-3-grams hashed (FNV-1a) into a power-of-two
 * table, each counted once per clause. Digits fold to one symbol so that 两个小时 and 3个小时 share
 * their n-grams with every other count.
 */

export interface HashedSpace {
  /** Table size, a power of two. */
  buckets: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fold(c: number): number {
  return c >= 48 && c <= 57 ? 48 : c;
}

/**
 * Writes the distinct feature indices of `text` into `out` (which must hold 3 * text.length),
 * ascending, and returns how many there are.
 */
export function hashedNgrams(space: HashedSpace, text: string, out: Int32Array): number {
  const mask = space.buckets - 1;
  const n = text.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    let h = FNV_OFFSET;
    for (let len = 0; len < 3 && i + len < n; len++) {
      h = Math.imul(h ^ fold(text.charCodeAt(i + len)), FNV_PRIME);
      // The n-gram's length goes into the hash, so that 好 and 好好 never share a bucket by design.
      out[k++] = (Math.imul(h ^ (len + 1), FNV_PRIME) >>> 0) & mask;
    }
  }
  return distinctSorted(out, k);
}

/** Entries up to which distinctSorted inserts rather than sorts. */
const INSERTION_LIMIT = 32;

/**
 * Sorts the first `k` entries of `out` and keeps each value once, in place; returns how many remain.
 * A clause's few n-grams are inserted one by one into the distinct sorted prefix, which costs less
 * than the typed array's sort up to a few dozen; a review's characters take that sort.
 */
function distinctSorted(out: Int32Array, k: number): number {
  if (k > INSERTION_LIMIT) {
    const sorted = out.subarray(0, k).sort();
    let distinct = 0;
    for (let i = 0; i < k; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out[distinct++] = sorted[i]!;
    return distinct;
  }
  let distinct = 0;
  for (let i = 0; i < k; i++) {
    // The sorted prefix ends at `distinct` <= i: out[i] is read before the prefix grows over it.
    const x = out[i]!;
    let at = distinct;
    for (; at > 0 && out[at - 1]! > x; at--) out[at] = out[at - 1]!;
    if (at > 0 && out[at - 1] === x) {
      // Seen already (rare: a repeated character): the prefix moves back.
      for (; at < distinct; at++) out[at] = out[at + 1]!;
      continue;
    }
    out[at] = x;
    distinct++;
  }
  return distinct;
}

/** Salts the review's n-grams apart from the clause's own: the same 快 says something else there. */
const CONTEXT_SALT = 0x5bd1e995;

/**
 * The review-context features of the topic tagger: the distinct characters of the whole review,
 * hashed apart from the clause features, written into `out` (text.length) ascending. They let the
 * tagger read a clause in its review (速度慢 of a phone is not delivery). Characters alone: their
 * 2-grams scored no better in cross-validation and cost half the model's time again.
 */
export function contextNgrams(space: HashedSpace, text: string, out: Int32Array): number {
  const mask = space.buckets - 1;
  const n = text.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const h = Math.imul((FNV_OFFSET ^ CONTEXT_SALT) ^ fold(text.charCodeAt(i)), FNV_PRIME);
    out[k++] = (Math.imul(h ^ 11, FNV_PRIME) >>> 0) & mask;
  }
  return distinctSorted(out, k);
}

export function reviewContext(space: HashedSpace, text: string): Int32Array {
  const buffer = new Int32Array(text.length);
  return buffer.slice(0, contextNgrams(space, text, buffer));
}

/** The distinct feature indices of a clause, ascending. */
export function clauseFeatures(space: HashedSpace, text: string): Int32Array {
  const buffer = new Int32Array(text.length * 3);
  return buffer.slice(0, hashedNgrams(space, text, buffer));
}
