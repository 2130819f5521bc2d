import { runMonitorCheck, type RaisedFinding } from '../monitors/run-check.ts';
import type { PipelineContext } from '../pipeline/context.ts';

const WEEK_MS = 7 * 86_400_000;

/**
 * The monitors as the worker would have run them while the samples' weeks went by: a check at each
 * week's end from the first complete week to now. Findings are recorded (metric_alerts) and sent like
 * any other; a check of a week already checked adds nothing.
 */
export async function replayMonitors(ctx: PipelineContext, from: Date, to: Date): Promise<RaisedFinding[]> {
  const out: RaisedFinding[] = [];
  // Noon UTC keeps each check on the intended calendar day in any zone from UTC−11 to UTC+11.
  const checks: Date[] = [];
  for (let at = new Date(from.getTime() + WEEK_MS); at < to; at = new Date(at.getTime() + WEEK_MS)) checks.push(new Date(`${at.toISOString().slice(0, 10)}T12:00:00Z`));
  checks.push(to); // the week that ended last
  for (const noon of checks) {
    const seen = new Set(out.map((f) => `${f.finding.monitor}|${f.finding.topic}|${JSON.stringify(f.finding.scope)}|${f.finding.window.from}`));
    for (const f of await runMonitorCheck(ctx, { at: noon })) {
      if (!seen.has(`${f.finding.monitor}|${f.finding.topic}|${JSON.stringify(f.finding.scope)}|${f.finding.window.from}`)) out.push(f);
    }
  }
  return out;
}
