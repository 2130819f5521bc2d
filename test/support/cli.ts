import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs a `painpoint` command in this process with extra environment variables, capturing what it
 * prints; the environment and the streams are put back afterwards, whatever the command did.
 */
export async function painpoint(args: string[], env: Record<string, string> = {}): Promise<CommandRun> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main(['node', 'painpoint', ...args]), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
