import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readState, servicesPaths, withServicesLock, writeState } from '../../../src/services/state.ts';

describe('services state file', () => {
  const dirs: string[] = [];
  const tempPaths = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-state-'));
    dirs.push(dir);
    return servicesPaths(dir);
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('round-trips, readable by the owner only (it holds the database password)', () => {
    const paths = tempPaths();
    expect(readState(paths)).toEqual({});
    writeState(paths, { postgres: { password: 'pw', database: 'painpoint', lastPort: 5433, running: { port: 5433, pid: 42 } } });
    expect(readState(paths).postgres?.running).toEqual({ port: 5433, pid: 42 });
    expect(fs.statSync(paths.stateFile).mode & 0o777).toBe(0o600);
  });

  it('names the file, and the key, when the file is damaged', () => {
    const paths = tempPaths();
    fs.writeFileSync(paths.stateFile, '{"postgres": ');
    expect(() => readState(paths)).toThrow(new RegExp(`${paths.stateFile}: not valid JSON`));
    fs.writeFileSync(paths.stateFile, JSON.stringify({ postgres: { password: 'pw', database: 'painpoint', running: { port: 'x', pid: 1 } } }));
    expect(() => readState(paths)).toThrow(/services\.json: postgres\.running\.port: /);
  });

  it('takes over a lock left by a process that is gone, and serializes live holders', async () => {
    const paths = tempPaths();
    fs.writeFileSync(paths.lockFile, '999999999');
    const order: string[] = [];
    await Promise.all([
      withServicesLock(paths, async () => {
        order.push('a-in');
        await new Promise((r) => setTimeout(r, 50));
        order.push('a-out');
      }),
      withServicesLock(paths, async () => {
        order.push('b-in');
        order.push('b-out');
      }),
    ]);
    expect([order.slice(0, 2), order.slice(2)]).toContainEqual(['a-in', 'a-out']);
    expect(order.indexOf('b-in') === order.indexOf('b-out') - 1).toBe(true);
    expect(fs.existsSync(paths.lockFile)).toBe(false);
  });
});
