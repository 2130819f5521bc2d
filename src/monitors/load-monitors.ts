import { loadYamlFile, resolveFromRoot, type Config } from '../config/index.ts';
import { monitorsFileSchema, type MonitorConfig } from '../config/schema/monitors.ts';

/** The monitors file: `monitors.file` of the config (config/monitors.yaml; PAINPOINT_MONITORS sets it). */
export function monitorsFilePath(config: Readonly<Config>): string {
  return resolveFromRoot(config.monitors.file);
}

/** Reads and validates the monitors; a problem names the file and the key (monitors.0.kind). */
export function loadMonitors(config: Readonly<Config>): { file: string; monitors: readonly MonitorConfig[] } {
  const file = monitorsFilePath(config);
  return { file, monitors: Object.freeze(loadYamlFile(monitorsFileSchema, file).monitors) };
}
