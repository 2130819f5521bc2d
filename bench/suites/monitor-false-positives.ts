import { loadConfig } from '../../src/config/index.ts';
import { evaluateMonitor, isScoreMetric, scoreOf } from '../../src/monitors/evaluate.ts';
import { addTally, emptyTally } from '../../src/scores/score-tally.ts';
import { loadMonitors } from '../../src/monitors/load-monitors.ts';
import { windowsBefore } from '../../src/monitors/windows.ts';
import { addDays, generateFeedback, sliceDataOf } from '../../test/support/generated-feedback.ts';
import type { BenchSuite } from '../index.ts';

/**
 * The default monitors (config/monitors.yaml) on stable generated data: weeks of feedback with no
 * change in any rate or score distribution, each week evaluated as `monitors check` would. Every
 * finding is a false positive. Reported per monitor: findings per evaluated week, and the share of
 * weeks with at least one finding; with and without a ±15 % week-to-week wobble of the rates.
 */
export function measureFalsePositives(options: { weeks: number; itemsPerWeek: number; seed: number; rateJitter: number; atTarget?: boolean }) {
  const config = loadConfig();
  let { monitors } = loadMonitors(config);
  const start = '2024-01-01'; // a Monday
  const data = sliceDataOf(generateFeedback({ start, weeks: options.weeks, itemsPerWeek: options.itemsPerWeek, seed: options.seed, rateJitter: options.rateJitter }));
  const weekOf = (day: string) => Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (7 * 86_400_000));
  const bucket = <T extends { day: string }>(rows: readonly T[]) => {
    const out: T[][] = [];
    for (const r of rows) (out[weekOf(r.day)] ??= []).push(r);
    return out;
  };
  const byWeek = { items: bucket(data.items), mentions: bucket(data.mentions), scores: bucket(data.scores) };
  if (options.atTarget) {
    // The worst case for a target monitor: a shop sitting exactly on its target (the true value,
    // estimated from all the generated answers).
    const all = emptyTally();
    for (const r of data.scores) addTally(all, r.tally);
    monitors = monitors
      .filter((m) => m.kind === 'target' && isScoreMetric(m.metric))
      .map((m) => ({ ...m, below: scoreOf(m.metric as 'nps' | 'csat' | 'ces', all)!.value }));
  }
  const perMonitor: Record<string, { weeks: number; findings: number; weeksWithFinding: number; tests: number }> = {};
  for (const m of monitors) {
    const r = (perMonitor[m.id] = { weeks: 0, findings: 0, weeksWithFinding: 0, tests: 0 });
    for (let w = m.baseline; w < options.weeks; w++) {
      const current = { from: addDays(start, w * 7), to: addDays(start, w * 7 + 7) };
      const baseline = windowsBefore(current, m.window, m.baseline);
      // What readSliceData would return for the range: the rows of these weeks only.
      const weeks = Array.from({ length: m.baseline + 1 }, (_, i) => w - m.baseline + i);
      const sliced = {
        items: weeks.flatMap((i) => byWeek.items[i] ?? []),
        mentions: weeks.flatMap((i) => byWeek.mentions[i] ?? []),
        scores: weeks.flatMap((i) => byWeek.scores[i] ?? []),
      };
      const found = evaluateMonitor(m, sliced, { current, baseline });
      r.weeks++;
      r.findings += found.length;
      if (found.length > 0) r.weeksWithFinding++;
    }
  }
  return perMonitor;
}

const suite: BenchSuite = {
  name: 'monitor-false-positives',
  description: 'default monitors on stable generated data: findings per week (all false positives)',
  async run() {
    const out: Record<string, unknown> = {};
    for (const rateJitter of [0, 0.15]) {
      const r = measureFalsePositives({ weeks: 400, itemsPerWeek: 600, seed: 20261201, rateJitter });
      out[`jitter_${rateJitter}`] = r;
      for (const [id, x] of Object.entries(r)) {
        process.stdout.write(`jitter ${rateJitter}: ${id.padEnd(22)} ${x.findings} findings in ${x.weeks} weeks (${(x.findings / x.weeks).toFixed(4)}/week), weeks with any: ${x.weeksWithFinding} (${((100 * x.weeksWithFinding) / x.weeks).toFixed(2)}%)\n`);
      }
    }
    const at = measureFalsePositives({ weeks: 400, itemsPerWeek: 600, seed: 20261201, rateJitter: 0, atTarget: true });
    out.at_target = at;
    for (const [id, x] of Object.entries(at)) {
      process.stdout.write(`exactly at target: ${id.padEnd(12)} ${x.findings} findings in ${x.weeks} weeks (${((100 * x.weeksWithFinding) / x.weeks).toFixed(2)}% of weeks)\n`);
    }
    return out;
  },
};
export default suite;
