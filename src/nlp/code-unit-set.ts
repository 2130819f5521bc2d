/**
 * Characters as a bitmap over UTF-16 code units, for sets read for every character of every token:
 * `text[i]` would make a new one-character string of each CJK character before a Set could be asked.
 */
export function codeUnitSet(chars: Iterable<string>): Uint8Array {
  const set = new Uint8Array(0x10000);
  for (const c of chars) for (let i = 0; i < c.length; i++) set[c.charCodeAt(i)] = 1;
  return set;
}
