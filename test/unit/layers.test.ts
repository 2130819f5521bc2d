import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Every relative import of the .ts files under `folder`, as `from -> to` paths from the package root. */
function importsOf(folder: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const text = fs.readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
        for (const m of text.matchAll(IMPORT)) out.push({ from: path.relative(ROOT, p), to: path.relative(ROOT, path.resolve(path.dirname(p), (m[1] ?? m[2])!)) });
      }
    }
  };
  walk(path.join(ROOT, folder));
  return out;
}

/** The imports of `folder` that lead anywhere but into itself and `allowed`. */
function outside(folder: string, allowed: string[]): string[] {
  return importsOf(folder)
    .filter(({ to }) => !to.startsWith(`${folder}/`) && !allowed.some((a) => to === a || to.startsWith(`${a}/`)))
    .map(({ from, to }) => `${from} -> ${to}`);
}

describe('the layers', () => {
  it('src/domain imports nothing above it', () => {
    expect(outside('src/domain', ['src/errors', 'src/nlp/types.ts'])).toEqual([]);
  });

  it('src/config imports only the domain, the NLP defaults and domains, and errors', () => {
    expect(outside('src/config', ['src/domain', 'src/errors', 'src/nlp/types.ts', 'src/nlp/domains.ts', 'src/nlp/pipeline/defaults.ts'])).toEqual([]);
  });

  it('delivery, monitors and sources never import the job processors', () => {
    for (const folder of ['src/delivery', 'src/monitors', 'src/sources']) {
      expect(importsOf(folder).filter(({ to }) => to.startsWith('jobs/')).map(({ from, to }) => `${from} -> ${to}`), folder).toEqual([]);
    }
  });

  it('the crawler judges a crawl and leaves raising alerts to the crawl job', () => {
    expect(importsOf('src/sources').filter(({ to }) => to.startsWith('src/delivery/')).map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('the delivery and monitor folders do not import each other both ways', () => {
    expect(importsOf('src/delivery').filter(({ to }) => to.startsWith('src/monitors/')).map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });
});
