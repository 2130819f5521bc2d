/**
 * normalize: the first pipeline component. Traditional → Simplified, full-width ASCII → half-width,
 * HTML tags and entities stripped, whitespace folded; emoji are kept because they carry sentiment.
 */
import { Converter } from 'opencc-js/t2cn';
import { to as toDicts } from 'opencc-js/preset/t2cn';
import type { DictGroup } from 'opencc-js/core';

// Taiwan variants first, then the generic Traditional → Simplified tables: this also converts
// Hong Kong text well enough for keyword matching.
const toSimplified = Converter({ from: 'tw', to: 'cn' });

/**
 * Characters that exist only in Traditional script (the keys of OpenCC's Traditional → Simplified
 * character table; the Taiwan variant table is left out because it maps common characters such as 吃). opencc-js scans every character through its
 * tries and costs far more than the rest of the analysis, so it runs only on text holding one of these.
 */
const TRADITIONAL_ONLY: ReadonlySet<number> = buildTraditionalSet(toDicts.cn ?? []);
// The same set as a bitmap over the Basic Multilingual Plane: one array read per character.
const TRADITIONAL_BMP = new Uint8Array(0x10000);
for (const cp of TRADITIONAL_ONLY) if (cp < 0x10000) TRADITIONAL_BMP[cp] = 1;

function buildTraditionalSet(groups: readonly DictGroup[]): Set<number> {
  const set = new Set<number>();
  for (const group of groups) {
    for (const dict of group) {
      const pairs: Array<readonly [string, string]> =
        typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ') as unknown as [string, string]) : [...dict];
      for (const [from, to] of pairs) {
        if (!from || !to) continue;
        const cp = from.codePointAt(0)!;
        // Single characters only; a character that maps to itself is shared by both scripts.
        if (from.length === String.fromCodePoint(cp).length && from !== to.split(' ')[0]) set.add(cp);
      }
    }
  }
  return set;
}

export function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    if (c < 0xd800 || c > 0xdfff) {
      if (TRADITIONAL_BMP[c] === 1) return true;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (TRADITIONAL_ONLY.has(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ldquo: '“', rdquo: '”' };

/**
 * Chinese punctuation that happens to live in the full-width ASCII block. It is the correct form in
 * Chinese prose (and in the evidence users read), so it stays; letters, digits and the rest fold.
 */
const KEEP_FULL_WIDTH = new Set(['，', '！', '？', '；', '：', '（', '）']);

const HTML_TAG = /<\/?[a-zA-Z][^<>]*>|<!--[\s\S]*?-->/g;
const HTML_ENTITY = /&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g;
/**
 * The full-width forms that fold (U+FF01–U+FF5E but those kept) and the ideographic space. The kept
 * punctuation is left out of the regex, not returned unchanged by the replacer: a Chinese comma is in
 * nearly every text, and a replacer call for each made this the costliest step of normalizing.
 */
const FULL_WIDTH = new RegExp(
  `[${Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, k) => String.fromCharCode(0xff01 + k))
    .filter((ch) => !KEEP_FULL_WIDTH.has(ch))
    .join('')}\u3000]`,
  'g',
);
// Zero-width characters and variation-free joiners that only hide words from matching.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const WHITESPACE = /\s+/g;

function decodeEntity(whole: string, body: string): string {
  if (body[0] === '#') {
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
}

export function normalize(text: string): string {
  let out = text;
  // Entities first: `&lt;script&gt;` is markup too, and decoding it after the tags were stripped
  // would store (and quote in alerts) live `<script>` the source had only escaped.
  if (out.includes('&')) out = out.replace(HTML_ENTITY, decodeEntity);
  if (out.includes('<')) out = out.replace(HTML_TAG, ' ');
  out = out.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
  out = out.replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
  if (hasTraditional(out)) out = toSimplified(out);
  return out;
}
