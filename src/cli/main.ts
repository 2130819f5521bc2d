import { Command } from 'commander';
import { commands } from './commands/index.ts';
import { reportError } from './exit-codes.ts';

/**
 * The `painpoint` command. This file only declares the program; each command lives in
 * `commands/<name>.ts`, declares its own flags and returns an exit code. Only bin/painpoint.js
 * sets the process exit code.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('painpoint')
    .description('Social listening and Chinese NLP for CX teams: reviews, chats and posts in; pain points, alerts and tallies out.')
    .showHelpAfterError()
    .exitOverride();

  let exitCode = 0;
  for (const declare of commands) {
    declare(program, (code) => {
      exitCode = code;
    });
  }

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return reportError(err);
  }
}
