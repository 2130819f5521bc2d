/**
 * Star ratings as exports write them: 4, "4", "4星", "4.5分", "★★★★☆", "4/5", "8/10", "4 stars".
 * Half stars round to the nearest whole star (the store keeps 1–5 as CSAT). Returns a message rather
 * than throwing so the caller can name the field and line.
 */
export type RatingResult = { ok: true; value: number } | { ok: false; message: string };

const STARS = /^[★☆]+$/u;
const SCALED = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/u;
const WITH_UNIT = /^(\d+(?:\.\d+)?)\s*(?:星|分|颗星|stars?|pts?)?$/iu;

export function parseRating(input: unknown): RatingResult {
  let value: number;
  if (typeof input === 'number') value = input;
  else if (typeof input === 'string') {
    const s = input.trim().replace(/[０-９．／]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const scaled = SCALED.exec(s);
    if (STARS.test(s)) value = [...s].filter((c) => c === '★').length;
    else if (scaled) {
      const max = Number(scaled[2]);
      if (max <= 0) return { ok: false, message: `"${input}" is not a rating` };
      value = (Number(scaled[1]) / max) * 5;
    } else {
      const m = WITH_UNIT.exec(s);
      if (!m) return { ok: false, message: `"${input}" is not a rating (expected 1–5, e.g. 4, 4星, 4.5分)` };
      value = Number(m[1]);
    }
  } else return { ok: false, message: `expected a number 1–5, got ${typeof input}` };
  if (!Number.isFinite(value) || value < 1 || value > 5) return { ok: false, message: `${JSON.stringify(input)} is outside 1–5` };
  return { ok: true, value: Math.round(value) };
}
