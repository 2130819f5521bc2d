import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeReachable } from '../../../src/services/embedded-postgres.ts';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it('lets others pass through a private checkout to the binaries, without making it listable', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-private-')); // 0700, as `mktemp -d` makes
  made.push(root);
  const bin = path.join(root, 'node_modules', 'pkg', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.chmodSync(path.join(root, 'node_modules'), 0o700);
  expect(fs.statSync(root).mode & 0o007).toBe(0);

  makeReachable(bin);

  for (const dir of [root, path.join(root, 'node_modules'), bin]) {
    const mode = fs.statSync(dir).mode;
    expect(mode & 0o001, dir).toBe(0o001);
    if (dir !== bin) expect(mode & 0o004, dir).toBe(0);
  }
});
