import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { RawRecord } from '../../../../src/sources/files/index.ts';

export interface ScratchFolder {
  /** The folder (set once the file's tests start). */
  readonly dir: string;
  /** Writes a file into the folder and returns its path. */
  write(name: string, content: string | Buffer): string;
}

/** A temporary folder for one test file: made before its tests, removed after them. */
export function scratchFolder(label: string): ScratchFolder {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `painpoint-${label}-`));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
}

export async function all(records: AsyncIterable<RawRecord>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}
