import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A resolve hook that writes down every import of playwright-core (the hooks run on their own thread). */
const HOOKS = `
let log;
export function initialize(file) { log = file; }
export async function resolve(specifier, context, next) {
  if (specifier === 'playwright-core' || specifier.startsWith('playwright-core/')) (await import('node:fs')).appendFileSync(log, specifier + '\\n');
  return next(specifier, context);
}`;

/** Imports `modules` (paths from the package root) in a fresh Node, as bin/painpoint.js does; returns the playwright-core imports seen. */
async function playwrightImports(modules: string[]): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-lazy-'));
  dirs.push(dir);
  const log = path.join(dir, 'imports.log');
  fs.writeFileSync(log, '');
  const script = [
    "import { register } from 'node:module';",
    "import { register as registerTsx } from 'tsx/esm/api';",
    'registerTsx();',
    `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: ${JSON.stringify(log)} });`,
    ...modules.map((m) => `await import(${JSON.stringify(pathToFileURL(path.join(ROOT, m)).href)});`),
  ].join('\n');
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
  return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('Playwright', () => {
  it('is not loaded by the worker wiring or the crawl job until a browser is launched', async () => {
    expect(await playwrightImports(['jobs/index.ts', 'jobs/crawl.ts', 'src/cli/commands/worker.ts'])).toEqual([]);
  });

  it('is seen by the check when something does load it', async () => {
    expect(await playwrightImports(['test/unit/sources/crawl/fixtures/loads-playwright.ts'])).toContain('playwright-core');
  });
});
