import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli/commands/index.ts';
import { main, wantedCommand } from '../../../src/cli/main.ts';

describe('the command table', () => {
  it('names each command as its module declares it, once', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const program = new Command('painpoint');
      (await entry.load())(program, { setExitCode: () => undefined, config: () => { throw new Error('not run'); } });
      expect(program.commands.map((c) => c.name()), entry.name).toEqual([entry.name]);
    }
  });

  it('finds the command being run, also after `help`, and none for --help or an unknown name', () => {
    const argv = (...words: string[]) => ['node', 'painpoint', ...words];
    expect(wantedCommand(argv('analyze', '-', '--batch-size', '8'))?.name).toBe('analyze');
    expect(wantedCommand(argv('help', 'import'))?.name).toBe('import');
    expect(wantedCommand(argv('--help'))).toBeUndefined();
    expect(wantedCommand(argv('anlyze'))).toBeUndefined();
  });
});

describe('painpoint --version', () => {
  it('prints the version of package.json', async () => {
    const { version } = (await import('../../../package.json', { with: { type: 'json' } })).default;
    let out = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
    try {
      expect(await main(['node', 'painpoint', '--version'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(out.trim()).toBe(version);
  });
});
