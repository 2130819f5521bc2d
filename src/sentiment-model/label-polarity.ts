/**
 * Maps a text-classification model's `id2label` to a polarity per class, so any model's output
 * becomes one signed score: sum over classes of P(class) * polarity (for a two-class model,
 * P(positive) - P(negative)). Recognised names, case-insensitive:
 * - positive, pos, 正面, 积极, 好评 → +1; negative, neg, 负面, 消极, 差评 → -1; neutral, 中性, 中立 → 0;
 * - star ratings ("1 star" … "5 stars", "1星"): spread evenly from -1 (fewest) to +1 (most);
 * - LABEL_0 … LABEL_n, the names a model gets when none were given: with two labels LABEL_0 is
 *   negative and LABEL_1 positive (the usual order of binary sentiment sets such as ChnSentiCorp);
 *   with three, negative, neutral, positive.
 */
import { ConfigError } from '../errors/index.ts';

const NAMED: Record<string, number> = {
  positive: 1,
  pos: 1,
  正面: 1,
  积极: 1,
  好评: 1,
  negative: -1,
  neg: -1,
  负面: -1,
  消极: -1,
  差评: -1,
  neutral: 0,
  中性: 0,
  中立: 0,
};

const STARS = /^(\d+)\s*(?:stars?|星)$/;
const GENERIC = /^label_(\d+)$/;

/**
 * Polarity of each class index. `where` names the model's config file for the error raised when
 * a label means nothing known.
 */
export function labelPolarities(id2label: Record<string, string>, where: string): number[] {
  const entries = Object.entries(id2label).map(([id, name]) => [Number(id), name.trim().toLowerCase()] as const);
  if (entries.length < 2 || entries.some(([id]) => !Number.isInteger(id) || id < 0)) {
    throw new ConfigError('id2label must map class indices 0, 1, … to at least two label names', { file: where, key: 'id2label' });
  }
  const size = Math.max(...entries.map(([id]) => id)) + 1;
  const names = new Array<string>(size).fill('');
  for (const [id, name] of entries) names[id] = name;

  const stars = names.map((n) => STARS.exec(n)?.[1]);
  if (stars.every((s) => s !== undefined)) {
    const counts = stars.map(Number);
    const lo = Math.min(...counts);
    const hi = Math.max(...counts);
    if (hi > lo) return counts.map((c) => (2 * (c - lo)) / (hi - lo) - 1);
  }

  if (names.every((n) => GENERIC.test(n))) {
    if (size === 2) return [-1, 1];
    if (size === 3) return [-1, 0, 1];
  }

  return names.map((name, id) => {
    const polarity = NAMED[name];
    if (polarity === undefined) {
      throw new ConfigError(
        `label "${name}" (class ${id}) has no known polarity: use positive/negative/neutral, 正面/负面, "N stars", or LABEL_0/LABEL_1`,
        { file: where, key: `id2label.${id}` },
      );
    }
    return polarity;
  });
}
