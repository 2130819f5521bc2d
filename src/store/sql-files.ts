import fs from 'node:fs';
import path from 'node:path';
import { resolveFromRoot } from '../config/paths.ts';

const SQL_ROOT = resolveFromRoot('src/store/sql');

/**
 * Named queries of one repository, from `src/store/sql/<folder>/<name>.sql`, each read once. SQL
 * stays in .sql files, where it can be read, linted and run in psql as it is.
 */
export function sqlFolder(folder: string): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let text = cache.get(name);
    if (text === undefined) {
      text = fs.readFileSync(path.join(SQL_ROOT, folder, `${name}.sql`), 'utf8');
      cache.set(name, text);
    }
    return text;
  };
}
