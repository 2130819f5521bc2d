import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCompiledMain } from '../../../bin/compiled-tree.js';

describe('freshCompiledMain: which tree bin/painpoint.js runs', () => {
  let root: string;
  const write = (file: string, mtime: number) => {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, '');
    fs.utimesSync(full, mtime, mtime);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-tree-'));
    write('src/cli/main.ts', 1000);
    write('src/nlp/deep/clauses.ts', 1000);
    write('src/store/sql/report/top.sql', 5000); // not compiled: read from src/ at run time
    write('jobs/ingest.ts', 1000);
    write('dist/src/cli/main.js', 2000);
    write('dist/src/nlp/deep/clauses.js', 2000);
    write('dist/jobs/ingest.js', 2000);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs the compiled tree when every source has a newer compiled file', () => {
    expect(freshCompiledMain(root)).toBe(path.join(root, 'dist/src/cli/main.js'));
  });

  it('runs the sources when one of them was edited after the build, however deep', () => {
    write('src/nlp/deep/clauses.ts', 3000);
    expect(freshCompiledMain(root)).toBeUndefined();
  });

  it('runs the sources when a source has no compiled file (added after the build)', () => {
    write('jobs/monitor.ts', 1000);
    expect(freshCompiledMain(root)).toBeUndefined();
  });

  it('runs the sources when there is no build at all', () => {
    fs.rmSync(path.join(root, 'dist'), { recursive: true });
    expect(freshCompiledMain(root)).toBeUndefined();
  });
});

describe('the package as installed', () => {
  it('is built by npm ci: prepare runs the build, and dist/ is not committed', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[] };
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.files).toContain('dist');
    expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')).toContain('dist/');
  });
});
