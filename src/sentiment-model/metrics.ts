/**
 * Accuracy, macro-F1 and the confusion matrix of signed sentiment scores against binary labels. A
 * score of exactly 0 (nothing pointed either way) is a neutral prediction: never right, so a scorer
 * gains nothing by abstaining.
 */

export interface SentimentMetrics {
  count: number;
  accuracy: number;
  /** Mean F1 of the negative and the positive class. */
  macroF1: number;
  /** confusion[actual][predicted]: actual 0 negative, 1 positive; predicted 0 negative, 1 neutral, 2 positive. */
  confusion: [[number, number, number], [number, number, number]];
}

export function predictedClass(score: number): 0 | 1 | 2 {
  return score > 0 ? 2 : score < 0 ? 0 : 1;
}

export function sentimentMetrics(actual: readonly (0 | 1)[], scores: readonly number[]): SentimentMetrics {
  if (actual.length !== scores.length) throw new Error(`${actual.length} labels but ${scores.length} scores`);
  const confusion: SentimentMetrics['confusion'] = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < actual.length; i++) confusion[actual[i]!][predictedClass(scores[i]!)]++;
  const f1 = (label: 0 | 1) => {
    const column = label === 1 ? 2 : 0;
    const tp = confusion[label][column];
    const fp = confusion[label === 1 ? 0 : 1][column];
    const fn = confusion[label][0] + confusion[label][1] + confusion[label][2] - tp;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  const count = actual.length;
  return {
    count,
    accuracy: count ? (confusion[0][0] + confusion[1][2]) / count : NaN,
    macroF1: (f1(0) + f1(1)) / 2,
    confusion,
  };
}

/** The confusion matrix as aligned text lines. */
export function formatConfusion(m: SentimentMetrics): string[] {
  const row = (name: string, r: readonly number[]) => `  ${name.padEnd(16)}${r.map((n) => String(n).padStart(10)).join('')}`;
  return [
    `  ${'actual \\ pred'.padEnd(16)}${['negative', 'neutral', 'positive'].map((h) => h.padStart(10)).join('')}`,
    row('negative', m.confusion[0]),
    row('positive', m.confusion[1]),
  ];
}
