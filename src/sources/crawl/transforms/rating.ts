/**
 * A 1–5 star rating from what a review page shows: text (4星, 4.5分, 评分：4, ★★★★☆, "4/5",
 * "4 out of 5"), a class name (star-40, stars-45, rating-4, rate_5) or an aria-label ("4星",
 * "Rated 4 out of 5"). Returns the number on a 0–5 scale (halves kept), or undefined.
 */
export function parseRating(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;

  const filled = (text.match(/[★⭐]/g) ?? []).length;
  if (filled > 0 && /^[★☆⭐✩✰\s]+$/.test(text)) return onScale(filled, 5);

  const outOf = /(\d+(?:\.\d+)?)\s*(?:\/|out of|of)\s*(\d+(?:\.\d+)?)/i.exec(text);
  if (outOf) return onScale(Number(outOf[1]), Number(outOf[2]));

  const stars = /(\d+(?:\.\d+)?)\s*(?:颗星|星|分|stars?\b|points?\b)/i.exec(text);
  if (stars) return onScale(Number(stars[1]), 5);

  const percent = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (percent) return onScale(Number(percent[1]), 100);

  // Class names: the number after star/rating/rate/score; 40 or 45 mean tenths of a star.
  const cls = /(?:^|[\s_-])(?:stars?|rating|rate|score|sml-str|rank)[-_]?(\d{1,2})(?=$|[\s_-])/i.exec(text);
  if (cls) {
    const n = Number(cls[1]);
    return n <= 5 ? onScale(n, 5) : n <= 50 ? onScale(n / 10, 5) : undefined;
  }

  const bare = /^(?:评分|打分|rating)?\s*[:：]?\s*(\d(?:\.\d+)?)$/i.exec(text);
  if (bare) return onScale(Number(bare[1]), 5);
  return undefined;
}

function onScale(value: number, max: number): number | undefined {
  if (!Number.isFinite(value) || max <= 0 || value <= 0 || value > max) return undefined;
  return Math.round(((value / max) * 5) * 2) / 2;
}
