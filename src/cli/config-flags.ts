import { Option, type Command } from 'commander';
import { atKey, deepMerge } from '../config/index.ts';

/** Which config key each flag declared with `configOption` sets. */
const CONFIG_KEYS = new WeakMap<Option, string>();

/**
 * A flag that sets a config key (`--concurrency` → `pipeline.concurrency`). Given on the command
 * line, it goes into the config the command receives, above the environment and the files; not
 * given, the config's own value stands (the flag has no default of its own).
 */
export function configOption(flags: string, description: string, key: string): Option {
  const option = new Option(flags, `${description} (default: ${key})`);
  CONFIG_KEYS.set(option, key);
  return option;
}

/** The config keys set by the flags given to `command`, as a nested object to merge over the rest. */
export function flagOverrides(command: Command): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const option of command.options) {
    const key = CONFIG_KEYS.get(option);
    const name = option.attributeName();
    if (key === undefined || command.getOptionValueSource(name) !== 'cli') continue;
    out = deepMerge(out, atKey(key, command.getOptionValue(name))) as Record<string, unknown>;
  }
  return out;
}
