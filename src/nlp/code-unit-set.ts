/**
 * Characters as a bitmap over UTF-16 code units, for sets read for every character of every token:
 * `text[i]` would make a new one-character string of each CJK character before a Set could be asked.
 */
export function codeUnitSet(chars: Iterable<string>): Uint8Array {
  const set = new Uint8Array(0x10000);
  for (const c of chars) for (let i = 0; i < c.length; i++) set[c.charCodeAt(i)] = 1;
  return set;
}

/** Whether `text` holds one of the code units of `set`. */
export function holdsCodeUnitOf(text: string, set: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) if (set[text.charCodeAt(i)] === 1) return true;
  return false;
}

const heads = new WeakMap<ReadonlySet<string> | ReadonlyMap<string, unknown>, Uint8Array>();

/**
 * The first code units of a set's words (or a map's keys), built once per set: most tokens start with
 * none of them, and one read of this tells so without hashing the token for a lookup that would miss.
 */
export function headsOf(words: ReadonlySet<string> | ReadonlyMap<string, unknown>): Uint8Array {
  let set = heads.get(words);
  if (!set) {
    set = codeUnitSet([...words.keys()].map((w) => w.slice(0, 1)));
    heads.set(words, set);
  }
  return set;
}
