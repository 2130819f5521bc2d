import path from 'node:path';
import { appConfigSchema, type AppConfigFile } from './schema/index.ts';
import { resolveFromRoot } from './paths.ts';
import { deepFreeze, deepMerge, readYamlFile, validate } from './yaml-file.ts';

/** The environment variables painpoint reads (names fixed by the design reference). */
export interface Environment {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  sourcesFile: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  webhookAllowHosts: string[];
  chromium: string | undefined;
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
    sourcesFile: nonEmpty(env.PAINPOINT_SOURCES),
    webhookUrl: nonEmpty(env.PAINPOINT_WEBHOOK_URL),
    webhookSecret: nonEmpty(env.PAINPOINT_WEBHOOK_SECRET),
    webhookAllowHosts: (env.PAINPOINT_WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    chromium: nonEmpty(env.PAINPOINT_CHROMIUM),
    logLevel: nonEmpty(env.LOG_LEVEL),
  };
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
  if (options.overrides) data = deepMerge(data, options.overrides);
  const parsed = validate(appConfigSchema, data, files.join(' + '));
  return deepFreeze({ ...parsed, env: readEnvironment(processEnv), files });
}
