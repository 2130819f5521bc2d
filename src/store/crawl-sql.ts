import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const SQL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql', 'crawl');
const queries = new Map<string, string>();

/** A named query from src/store/sql/crawl/, read once. */
export function crawlSql(name: string): string {
  let text = queries.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(SQL_DIR, `${name}.sql`), 'utf8');
    queries.set(name, text);
  }
  return text;
}

export type Queryable = Pick<pg.Pool, 'query'>;
