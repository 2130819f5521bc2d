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

/** The distinct feature indices of a clause, ascending. */
export function clauseFeatures(space: HashedSpace, text: string): Int32Array {
  const mask = space.buckets - 1;
  const seen = new Set<number>();
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let h = FNV_OFFSET;
    for (let k = 0; k < 3 && i + k < n; k++) {
      h = Math.imul(h ^ fold(text.charCodeAt(i + k)), FNV_PRIME);
      // The n-gram's length goes into the hash, so that 好 and 好好 never share a bucket by design.
      seen.add((Math.imul(h ^ (k + 1), FNV_PRIME) >>> 0) & mask);
    }
  }
  return Int32Array.from([...seen].sort((a, b) => a - b));
}
