import { differenceInDifferences } from '../stats/difference-in-differences.ts';
import { fisherExactTwoSided } from '../stats/fisher-exact.ts';
import { ALPHA, minimumDetectableDifference, newcombeInterval, twoProportionZTest, type Proportion } from '../stats/two-proportions.ts';
import type { ArmCounts } from '../store/improvements-repository.ts';

/**
 * Did an improvement work? Its topic rate (items with a negative mention of the topic ÷ items in
 * scope) before and after its start, in the pilot scope, and against the control scope where there
 * is one (difference in differences). The JSON keys are a public contract:
 *   improvement, topic, pilot{before,after}{items,negative,rate}, control, effect, ci95, p_value,
 *   test, mde, verdict (effective | not_significant | worse)
 * plus `insufficient_data`, `windows` and `n`.
 *
 * Tests: pilot alone → two-proportion z test, or Fisher's exact test (with Newcombe's interval)
 * when an expected cell count is below 5; with a control → a z test of the difference in
 * differences. Fewer than MIN_WINDOW_ITEMS items in any window, or small counts with a control
 * (no exact test of a difference in differences), is insufficient data: verdict not_significant.
 */

export const MIN_WINDOW_ITEMS = 30;
export const MIN_EXPECTED_COUNT = 5;

export const VERDICTS = ['effective', 'not_significant', 'worse'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const TESTS = { z: 'two-proportion z', exact: 'fisher exact', did: 'difference in differences (z)' } as const;

interface WindowJson {
  items: number;
  negative: number;
  rate: number | null;
}

export interface EffectReport {
  improvement: number;
  topic: string;
  pilot: { before: WindowJson; after: WindowJson };
  control: { before: WindowJson; after: WindowJson } | null;
  effect: number | null;
  ci95: [number, number] | null;
  p_value: number | null;
  test: (typeof TESTS)[keyof typeof TESTS];
  mde: number | null;
  verdict: Verdict;
  insufficient_data: boolean;
  windows: { start_date: string; before_days: number; after_days: number };
  /** Items in all windows compared. */
  n: number;
}

export interface EffectInput {
  improvement: number;
  topic: string;
  startDate: string;
  beforeDays: number;
  afterDays: number;
  pilot: ArmCounts;
  control: ArmCounts | null;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const significant = (p: number) => Number(p.toPrecision(3));

function windowJson(w: { items: number; negative: number }): WindowJson {
  return { items: w.items, negative: w.negative, rate: w.items > 0 ? round(w.negative / w.items) : null };
}

const proportion = (w: { items: number; negative: number }): Proportion => ({ x: w.negative, n: w.items });

/** Smallest expected cell of the arm's before/after 2×2 table under "no change". */
function smallestExpected(arm: ArmCounts): number {
  const n = arm.before.items + arm.after.items;
  const pooled = (arm.before.negative + arm.after.negative) / n;
  return Math.min(arm.before.items, arm.after.items) * Math.min(pooled, 1 - pooled);
}

export function measureEffect(input: EffectInput): EffectReport {
  const { pilot, control } = input;
  const windows = control ? [pilot.before, pilot.after, control.before, control.after] : [pilot.before, pilot.after];
  const base = {
    improvement: input.improvement,
    topic: input.topic,
    pilot: { before: windowJson(pilot.before), after: windowJson(pilot.after) },
    control: control ? { before: windowJson(control.before), after: windowJson(control.after) } : null,
  };
  const extra = {
    windows: { start_date: input.startDate, before_days: input.beforeDays, after_days: input.afterDays },
    n: windows.reduce((s, w) => s + w.items, 0),
  };
  const fewItems = windows.some((w) => w.items < MIN_WINDOW_ITEMS);
  if (windows.some((w) => w.items === 0)) {
    return { ...base, effect: null, ci95: null, p_value: null, test: control ? TESTS.did : TESTS.z, mde: null, verdict: 'not_significant', insufficient_data: true, ...extra };
  }

  let effect: number;
  let ci95: [number, number];
  let pValue: number;
  let mde: number;
  let test: EffectReport['test'];
  let insufficient = fewItems;
  if (control) {
    const did = differenceInDifferences({ pilotBefore: proportion(pilot.before), pilotAfter: proportion(pilot.after), controlBefore: proportion(control.before), controlAfter: proportion(control.after) });
    ({ effect, ci95, pValue, mde } = did);
    test = TESTS.did;
    insufficient ||= Math.min(smallestExpected(pilot), smallestExpected(control)) < MIN_EXPECTED_COUNT;
  } else {
    const before = proportion(pilot.before);
    const after = proportion(pilot.after);
    mde = minimumDetectableDifference(before.x / before.n, before.n, after.n);
    if (smallestExpected(pilot) < MIN_EXPECTED_COUNT) {
      effect = after.x / after.n - before.x / before.n;
      pValue = fisherExactTwoSided({ a: before.x, b: before.n - before.x, c: after.x, d: after.n - after.x });
      ci95 = newcombeInterval(before, after);
      test = TESTS.exact;
    } else {
      const z = twoProportionZTest(before, after);
      ({ pValue, ci95 } = z);
      effect = z.difference;
      test = TESTS.z;
    }
  }
  const verdict: Verdict = insufficient || pValue >= ALPHA ? 'not_significant' : effect < 0 ? 'effective' : effect > 0 ? 'worse' : 'not_significant';
  return {
    ...base,
    effect: round(effect),
    ci95: [round(ci95[0]), round(ci95[1])],
    p_value: significant(pValue),
    test,
    mde: round(mde),
    verdict,
    insufficient_data: insufficient,
    ...extra,
  };
}

/** "4w", "28d", "2w" → days. */
export function parseWindow(text: string): number | string {
  const m = /^(\d{1,3})\s*(w|d)$/i.exec(text.trim());
  if (!m) return `"${text}" is not a window: write e.g. 4w or 28d`;
  const days = Number(m[1]) * (m[2]!.toLowerCase() === 'w' ? 7 : 1);
  return days >= 1 && days <= 730 ? days : `"${text}" must be between 1 day and 104 weeks`;
}
