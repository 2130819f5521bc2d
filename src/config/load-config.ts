import path from 'node:path';
import { appConfigSchema, type AppConfigFile } from './schema/index.ts';
import { resolveFromRoot } from './paths.ts';
import { deepFreeze, deepMerge, readYamlFile, validate } from './yaml-file.ts';

/** The environment variables painpoint reads (names fixed by the design reference). */
export interface Environment {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  webhookAllowHosts: string[];
  logLevel: string | undefined;
}

export interface Config extends AppConfigFile {
  env: Environment;
  /** The files the config was read from, most general first (for messages). */
  files: string[];
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    redisUrl: nonEmpty(env.REDIS_URL),
    webhookUrl: nonEmpty(env.PAINPOINT_WEBHOOK_URL),
    webhookSecret: nonEmpty(env.PAINPOINT_WEBHOOK_SECRET),
    webhookAllowHosts: (env.PAINPOINT_WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    logLevel: nonEmpty(env.LOG_LEVEL),
  };
}

/**
 * The PAINPOINT_* variables that stand for a config key: merged over the files and under the flags.
 * A path in one is taken from the working directory, as a path typed on the command line is.
 */
export const ENVIRONMENT_KEYS = {
  PAINPOINT_CHROMIUM: { key: 'crawl.chromium', path: true },
  PAINPOINT_SOURCES: { key: 'crawl.sources', path: true },
  PAINPOINT_MONITORS: { key: 'monitors.file', path: true },
} as const satisfies Record<string, { key: string; path: boolean }>;

/** The config keys the environment sets, as a nested object to merge (`crawl.chromium` → `{crawl: {chromium}}`). */
export function environmentOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const [name, { key, path: isPath }] of Object.entries(ENVIRONMENT_KEYS)) {
    const value = env[name]?.trim();
    if (value) out = deepMerge(out, atKey(key, isPath ? path.resolve(value) : value)) as Record<string, unknown>;
  }
  return out;
}

/** `{a: {b: value}}` for the key `a.b`. */
export function atKey(key: string, value: unknown): Record<string, unknown> {
  return key.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as Record<string, unknown>;
}

export interface LoadConfigOptions {
  /** A YAML file merged over config/default.yaml (default: PAINPOINT_CONFIG). */
  configFile?: string | undefined;
  /** Values from command-line flags, merged last. */
  overrides?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}

/**
 * Precedence: flags > PAINPOINT_* environment > PAINPOINT_CONFIG file > config/default.yaml > schema
 * defaults. Parsed once at start-up; the result is frozen and passed down.
 */
export function loadConfig(options: LoadConfigOptions = {}): Readonly<Config> {
  const processEnv = options.env ?? process.env;
  const defaultFile = resolveFromRoot('config/default.yaml');
  const files = [defaultFile];
  let data = readYamlFile(defaultFile);
  const extra = options.configFile ?? processEnv.PAINPOINT_CONFIG;
  if (extra) {
    const file = path.resolve(extra);
    files.push(file);
    data = deepMerge(data, readYamlFile(file));
  }
  const fromEnvironment = environmentOverrides(processEnv);
  data = deepMerge(data, fromEnvironment);
  if (options.overrides) data = deepMerge(data, options.overrides);
  const parsed = validate(appConfigSchema, data, sourceOf(files, fromEnvironment, options.overrides ?? {}));
  return deepFreeze({ ...parsed, env: readEnvironment(processEnv), files });
}

/** What a bad value came from, for the error: the files, and the variables and flags that set keys. */
function sourceOf(files: string[], fromEnvironment: Record<string, unknown>, overrides: Record<string, unknown>): string {
  const layers = [...files];
  const variables = Object.entries(ENVIRONMENT_KEYS).filter(([, { key }]) => hasKey(fromEnvironment, key)).map(([name]) => name);
  if (variables.length) layers.push(`environment (${variables.join(', ')})`);
  if (Object.keys(overrides).length) layers.push('command-line flags');
  return layers.join(' + ');
}

function hasKey(data: Record<string, unknown>, key: string): boolean {
  let at: unknown = data;
  for (const part of key.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, part)) return false;
    at = (at as Record<string, unknown>)[part];
  }
  return true;
}
