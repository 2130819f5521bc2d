import fs from 'node:fs';
import { Command } from 'commander';
import type { Config } from '../config/index.ts';
import { resolveFromRoot } from '../config/paths.ts';
import type { CommandRun } from './command.ts';
import { commands, type CommandEntry } from './commands/index.ts';
import { reportError } from './exit-codes.ts';

const PACKAGE_JSON = resolveFromRoot('package.json');

/**
 * The entry of the command being run, if argv names one (`painpoint NAME ...` or `painpoint help
 * NAME`). The program has no options of its own before the command but --help and --version.
 */
export function wantedCommand(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return commands.find((c) => c.name === name);
}

/**
 * The `painpoint` command. This file only declares the program; each command lives in
 * `commands/<name>.ts`, declares its own flags and returns an exit code. Only bin/painpoint.js
 * sets the process exit code.
 */
export async function main(argv: string[]): Promise<number> {
  const { version } = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };
  const program = new Command('painpoint')
    .description('Social listening and Chinese NLP for CX teams: reviews, chats and posts in; pain points, alerts and tallies out.')
    .version(version, '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();

  let exitCode = 0;
  // The config is read once, for the command about to run, with the flags it was given; only when
  // the command asks for it (verify-signature never does) and not for --help.
  let load: (() => Readonly<Config>) | undefined;
  let config: Readonly<Config> | undefined;
  program.hook('preAction', async (_program, action) => {
    const [{ loadConfig }, { flagOverrides }] = await Promise.all([import('../config/load-config.ts'), import('./config-flags.ts')]);
    load = () => loadConfig({ overrides: flagOverrides(action) });
  });
  const run: CommandRun = {
    setExitCode: (code) => {
      exitCode = code;
    },
    config: () => {
      if (!load) throw new Error('the config is read when a command runs, not while commands are declared');
      return (config ??= load());
    },
  };

  try {
    // Only the command being run is loaded; for `--help`, an unknown name or none, every command is
    // listed by its summary (and commander suggests the nearest name).
    const entry = wantedCommand(argv);
    if (entry) (await entry.load())(program, run);
    else for (const c of commands) program.command(c.name).summary(c.summary);

    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return reportError(err);
  }
}
