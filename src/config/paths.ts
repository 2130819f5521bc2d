import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder: bundled config, models, samples and the sources' data files (SQL,
 * migrations, dashboard assets) are found from here, whatever the cwd. This module sits in
 * `src/config/` as source and in `dist/src/config/` compiled (bin/painpoint.js runs either).
 */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), import.meta.url.endsWith('.js') ? '../../..' : '../..');

/** Resolves a path from a config file: absolute stays, relative is taken from the package root. */
export function resolveFromRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.join(PACKAGE_ROOT, p);
}

/**
 * The labelled review corpora used for training, evaluation and benchmarks (never shipped):
 * `PAINPOINT_DATA`, or `../shared/data` beside the package.
 */
export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PAINPOINT_DATA ? path.resolve(env.PAINPOINT_DATA) : path.resolve(PACKAGE_ROOT, '../shared/data');
}
