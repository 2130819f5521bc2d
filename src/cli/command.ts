import type { Command } from 'commander';
import type { Config } from '../config/index.ts';

/** What the entry hands a command: where its exit code goes, and its config. */
export interface CommandRun {
  /** The command reports its exit code here rather than exiting. */
  setExitCode(code: number): void;
  /**
   * The config, loaded once for the command being run (on first call) and frozen: its flags
   * declared with `configOption` > PAINPOINT_* environment > PAINPOINT_CONFIG > config/default.yaml
   * > the schema's defaults.
   */
  config(): Readonly<Config>;
}

/** A command declares itself on the program (name, flags, help) and runs with what `run` gives it. */
export type DeclareCommand = (program: Command, run: CommandRun) => void;
