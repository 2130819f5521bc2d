/** The text components: normalize (with the length cap) or, for text normalized before, the cap alone; tokenize, clauses. */
import { splitClauses, toTokens } from '../clauses.ts';
import { normalize } from '../normalize.ts';
import type { Component } from '../pipeline/component.ts';
import type { Tokenizer } from '../tokenize/index.ts';
import type { Lexicon } from '../types.ts';

/** Where a cut may fall: the end of a sentence or clause. */
const CUT_AT = /[。！？!?；;\n，,]/g;

/**
 * The first `max` characters of `text`, ending at the last clause break of its final fifth where
 * there is one, never inside a surrogate pair.
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const floor = Math.floor(max * 0.8);
  let cut = max;
  const tail = text.slice(floor, max);
  let last = -1;
  for (const m of tail.matchAll(CUT_AT)) last = m.index;
  if (last >= 0) cut = floor + last + 1;
  else if (/[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut -= 1;
  return text.slice(0, cut);
}

export function normalizeComponent(maxTextLength: number): Component {
  return {
    name: 'normalize',
    requires: [],
    assigns: ['text'],
    run(doc) {
      // Normalizing first and cutting after would normalize a megabyte to keep 20k: cut the raw
      // text with room to spare (entities and tags shrink), then cut the result exactly.
      const head = doc.raw.length > maxTextLength * 2 ? doc.raw.slice(0, maxTextLength * 2) : doc.raw;
      const text = normalize(head);
      doc.text = capText(text, maxTextLength);
      doc.truncated = doc.text.length < text.length || head.length < doc.raw.length;
    },
  };
}

/**
 * In place of `normalize` where the caller normalized the text already (the worker's ingest, which
 * masks personal data in the normalized text it stores): the length cap alone. Normalizing twice
 * is not only slower: an entity that the first pass produced (`&amp;lt;` → `&lt;`) the second would
 * decode, and the evidence quoted would no longer be the stored text.
 */
export function normalizedComponent(maxTextLength: number): Component {
  return {
    name: 'normalized',
    requires: [],
    assigns: ['text'],
    run(doc) {
      doc.text = capText(doc.raw, maxTextLength);
      doc.truncated = doc.text.length < doc.raw.length;
    },
  };
}

/** The pipeline for text normalized before: `normalized` in place of `normalize`. */
export function forNormalizedText(pipeline: readonly string[]): string[] {
  return pipeline.map((name) => (name === 'normalize' ? 'normalized' : name));
}

export function tokenizeComponent(tokenizer: Tokenizer): Component {
  return {
    name: 'tokenize',
    requires: ['text'],
    assigns: ['tokens'],
    run(doc) {
      doc.tokens = toTokens(doc.text, doc.text === '' ? [] : tokenizer.cut(doc.text));
    },
  };
}

export function clausesComponent(lexicon: Lexicon): Component {
  return {
    name: 'clauses',
    requires: ['tokens'],
    assigns: ['clauses'],
    run(doc) {
      doc.clauses = splitClauses(doc.text, doc.tokens, lexicon);
    },
  };
}
