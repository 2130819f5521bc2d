import type pg from 'pg';
import { openApp } from '../app/app-context.ts';
import { loadYamlFile, resolveFromRoot, type Config } from '../config/index.ts';
import { taxonomySchema } from '../config/schema/taxonomy.ts';
import { InputError } from '../errors/index.ts';

/** Runs `work` against the store (DATABASE_URL, or the embedded Postgres), migrated, and closes it. */
export async function withStore<T>(config: Readonly<Config>, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const app = await openApp(config, { start: true, poolSize: 3 });
  try {
    return await work(app.pool);
  } finally {
    await app.close();
  }
}

/** The topic, if the taxonomy has it; otherwise an InputError naming the flag and the known ids. */
export function taxonomyTopic(config: Readonly<Config>, topic: string, flag = '--topic'): string {
  const taxonomy = loadYamlFile(taxonomySchema, resolveFromRoot(config.nlp.taxonomy));
  if (!Object.hasOwn(taxonomy.topics, topic)) throw new InputError(`"${topic}" is not a topic of the taxonomy (e.g. ${Object.keys(taxonomy.topics).slice(0, 4).join(', ')})`, { field: flag });
  return topic;
}

/** A positive whole-number id from a flag or argument. */
export function parseId(text: string, what: string): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) throw new InputError(`expected a positive whole number, got "${text}"`, { field: what });
  return Number(text);
}
