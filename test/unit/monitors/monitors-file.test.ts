import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/errors/index.ts';
import { loadMonitors } from '../../../src/monitors/load-monitors.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function file(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitors-'));
  dirs.push(dir);
  const f = path.join(dir, 'monitors.yaml');
  fs.writeFileSync(f, text);
  return f;
}

describe('the monitors file', () => {
  it('the default config/monitors.yaml loads as it is: region spikes weekly and the three targets', () => {
    const { monitors } = loadMonitors(loadConfig({ env: {} }));
    expect(monitors.map((m) => [m.id, m.kind, m.metric])).toEqual([
      ['pain-spikes-by-region', 'relative', 'negative_rate'],
      ['pain-spikes', 'relative', 'negative_rate'],
      ['nps-target', 'target', 'nps'],
      ['csat-target', 'target', 'csat'],
      ['ces-target', 'target', 'ces'],
    ]);
    const config = loadConfig();
    expect(monitors.find((m) => m.id === 'nps-target')!.below).toBe(config.targets.nps);
    expect(monitors.find((m) => m.id === 'csat-target')!.below).toBe(config.targets.csat);
    expect(monitors.find((m) => m.id === 'ces-target')!.below).toBe(config.targets.ces);
  });

  it('PAINPOINT_MONITORS names another file; its mistakes name the file and the key', () => {
    const f = file('monitors:\n  - id: a\n    kind: relative\n    metric: negative_rate\n  - id: a\n    kind: target\n    metric: csat\n    below: 4.5\n');
    let err: unknown;
    try {
      loadMonitors(loadConfig({ env: { PAINPOINT_MONITORS: f } }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).file).toBe(f);
    expect((err as ConfigError).key).toBe('monitors.1.id');
    expect((err as Error).message).toContain('monitor id "a" is used twice');
  });

  it('an unknown key is refused, not ignored', () => {
    const f = file('monitors:\n  - id: a\n    kind: relative\n    metric: negative_rate\n    treshold: 3\n');
    expect(() => loadMonitors(loadConfig({ env: { PAINPOINT_MONITORS: f } }))).toThrow(/monitors\.0.*treshold/);
  });

  it('the settings default to an hourly check and a day of cool-down', () => {
    const config = loadConfig();
    expect(config.monitors.every).toBe(3_600_000);
    expect(config.monitors.cooldown).toBe(86_400_000);
    expect(config.targets).toEqual({ nps: 30, csat: 4.5, ces: 4 });
  });
});
