import type { EffectReport } from './effect.ts';

/** `painpoint effect` for a terminal: both arms' rates with counts, the effect, its interval, test, MDE and verdict. */
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
const pp = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(2)} pp`;

export function formatEffect(r: EffectReport): string {
  const w = r.windows;
  const lines = [`improvement ${r.improvement} · ${r.topic} · start ${w.start_date} · ${w.before_days} days before, ${w.after_days} after`];
  const arm = (name: string, a: EffectReport['pilot']) =>
    `  ${name.padEnd(8)} before ${pct(a.before.rate)} (${a.before.negative}/${a.before.items})   after ${pct(a.after.rate)} (${a.after.negative}/${a.after.items})`;
  lines.push(arm('pilot', r.pilot));
  if (r.control) lines.push(arm('control', r.control));
  if (r.effect === null) {
    lines.push('  insufficient data: a window has no items in scope');
  } else {
    lines.push(`  effect   ${pp(r.effect)}  95% CI [${pp(r.ci95![0])}, ${pp(r.ci95![1])}]  p = ${r.p_value}  (${r.test})`);
    lines.push(`  smallest effect detectable at 80% power: ${(r.mde! * 100).toFixed(2)} pp`);
    if (r.insufficient_data) lines.push('  insufficient data: too few items (or, with a control, too few negatives) for a verdict');
  }
  lines.push(`  verdict  ${r.verdict}`);
  return `${lines.join('\n')}\n`;
}
