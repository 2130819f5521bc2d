import path from 'node:path';
import { loadYamlFile, resolveFromRoot, type Config } from '../config/index.ts';
import { monitorsFileSchema, type MonitorConfig } from '../config/schema/monitors.ts';

/** The monitors file: PAINPOINT_MONITORS, or `monitors.file` of the config (config/monitors.yaml). */
export function monitorsFilePath(config: Readonly<Config>, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PAINPOINT_MONITORS?.trim();
  return fromEnv ? path.resolve(fromEnv) : resolveFromRoot(config.monitors.file);
}

/** Reads and validates the monitors; a problem names the file and the key (monitors.0.kind). */
export function loadMonitors(config: Readonly<Config>, env: NodeJS.ProcessEnv = process.env): { file: string; monitors: readonly MonitorConfig[] } {
  const file = monitorsFilePath(config, env);
  return { file, monitors: Object.freeze(loadYamlFile(monitorsFileSchema, file).monitors) };
}
