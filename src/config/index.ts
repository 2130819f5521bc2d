export { atKey, ENVIRONMENT_KEYS, environmentOverrides, loadConfig, readEnvironment, type Config, type Environment, type LoadConfigOptions } from './load-config.ts';
export { PACKAGE_ROOT, corpusDir, resolveFromRoot } from './paths.ts';
export { loadYamlFile, readYamlFile, validate, deepMerge, deepFreeze } from './yaml-file.ts';
export * from './schema/index.ts';
