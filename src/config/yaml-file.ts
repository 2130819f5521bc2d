import fs from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors/index.ts';

/** Reads a YAML file as plain data; a syntax error names the file, line and column. */
export function readYamlFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file }, err);
  }
  try {
    return parse(text) ?? {};
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      throw new ConfigError(`invalid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${err.message.split('\n')[0]}`, { file }, err);
    }
    throw err;
  }
}

/**
 * Validates data against a schema; the first problems are reported with their key path,
 * e.g. `config/alerts.yaml: rules.spoilage.severity: Invalid option: expected one of ...`.
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5);
  const first = issues[0]!;
  const key = first.path.map(String).join('.') || '(top level)';
  const more = issues.slice(1).map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
  throw new ConfigError(first.message + (more.length ? `; also ${more.join('; ')}` : ''), { file, key });
}

/** Reads and validates in one step. */
export function loadYamlFile<S extends z.ZodType>(schema: S, file: string): z.output<S> {
  return validate(schema, readYamlFile(file), file);
}

/** Deep merge of plain objects; arrays and scalars of `over` replace those of `base`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Freezes a parsed config all the way down: it is read everywhere and changed nowhere. */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
