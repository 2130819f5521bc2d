/**
 * Code that runs inside the page. Kept as plain JavaScript text and called with JSON arguments:
 * functions handed to Playwright are serialized with `toString()`, and the TypeScript loader adds
 * helper calls to compiled functions that do not exist in the page.
 */

/** A field to read, relative to an item: the element (or item itself) and an attribute, or its text. */
export interface FieldSpec {
  selector?: string | undefined;
  attribute?: string | undefined;
}

/** One item as the page shows it: raw strings, transformed later in Node. */
export type RawItem = Record<string, string | undefined>;

const EXTRACT_ITEMS = `(args) => {
  const all = document.querySelectorAll(args.item);
  const items = Array.from(all).slice(args.from);
  const read = (item, spec) => {
    const el = spec.selector ? item.querySelector(spec.selector) : item;
    if (!el) return undefined;
    if (spec.attribute) {
      if (spec.attribute === 'href' || spec.attribute === 'src') {
        const v = el[spec.attribute];
        if (typeof v === 'string' && v) return v;
      }
      const v = el.getAttribute(spec.attribute);
      return v === null ? undefined : v;
    }
    const text = (el.innerText !== undefined ? el.innerText : el.textContent) || '';
    return text.replace(/[ \\t\\f\\v]+/g, ' ').replace(/\\s*\\n\\s*/g, '\\n').trim();
  };
  return {
    total: all.length,
    items: items.map((item) => {
      const out = {};
      for (const [name, spec] of Object.entries(args.fields)) out[name] = read(item, spec);
      return out;
    }),
  };
}`;

/** What the extraction gives: the items from index `from` on, and how many the page shows in all. */
export interface ExtractedItems {
  total: number;
  items: RawItem[];
}

/** Expression reading every item from index `from` on (load-more and scroll pages only append). */
export function extractItemsScript(args: { item: string; from: number; fields: Record<string, FieldSpec> }): string {
  return `(${EXTRACT_ITEMS})(${JSON.stringify(args)})`;
}

/** Expression counting the items on the page. */
export function countItemsScript(item: string): string {
  return `document.querySelectorAll(${JSON.stringify(item)}).length`;
}

/** Expression giving the absolute URL a next link points at, or null. */
export function nextLinkScript(selector: string): string {
  return `(() => { const a = document.querySelector(${JSON.stringify(selector)}); return a && a.href ? String(a.href) : null; })()`;
}

/** Expression scrolling to the end of the page. */
export const SCROLL_TO_END_SCRIPT = `(() => { window.scrollTo(0, document.documentElement.scrollHeight); return document.documentElement.scrollHeight; })()`;
