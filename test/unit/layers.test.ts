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

/** The folder a file belongs to for layering: `jobs`, `src/<folder>`, or `src` for the files at its top. */
function folderOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? `src/${parts[1]}` : 'src';
}

/**
 * One cycle of the graph whose edges `edgesOf` gives (each with the import that makes it), as
 * `a -> b: from -> to` lines that lead back to where they start; empty when there is none.
 */
function cycleIn(nodes: string[], edgesOf: (node: string) => Map<string, string>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    trail.push(node);
    for (const next of [...edgesOf(node).keys()].sort()) {
      if (state.get(next) === 'open') {
        const loop = [...trail.slice(trail.indexOf(next)), next];
        return loop.slice(1).map((to, i) => {
          const edge = `${loop[i]} -> ${to}`;
          const why = edgesOf(loop[i]!).get(to)!;
          return why === edge ? edge : `${edge}: ${why}`;
        });
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    trail.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...nodes].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return [];
}

/** The import graph of src/ and jobs/, type imports included, with its nodes grouped by `group`. */
function importGraph(group: (file: string) => string): { nodes: string[]; edgesOf: (node: string) => Map<string, string> } {
  const edges = new Map<string, Map<string, string>>();
  for (const { from, to } of [...importsOf('src'), ...importsOf('jobs')]) {
    const a = group(from);
    const b = group(to);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Map());
    if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, `${from} -> ${to}`);
  }
  return { nodes: [...edges.keys()], edgesOf: (node) => edges.get(node) ?? new Map() };
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

  it('no folders of src/ and jobs/ import each other, even through others or by types alone', () => {
    const { nodes, edgesOf } = importGraph(folderOf);
    expect(cycleIn(nodes, edgesOf)).toEqual([]);
  });

  it('no files of src/ and jobs/ import each other, even through others or by types alone', () => {
    const { nodes, edgesOf } = importGraph((file) => file);
    expect(cycleIn(nodes, edgesOf)).toEqual([]);
  });
});
