import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { configOption, flagOverrides } from '../../../src/cli/config-flags.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/errors/index.ts';
import { painpoint } from '../../support/cli.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function configFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-flags-'));
  dirs.push(dir);
  const file = path.join(dir, 'painpoint.yaml');
  fs.writeFileSync(file, text);
  return file;
}

/** A command with two config flags, parsed from `args`, and the config it would run with. */
function configWith(args: string[], env: NodeJS.ProcessEnv) {
  const command = new Command('probe')
    .exitOverride()
    .addOption(configOption('--chromium <path>', 'Chromium to launch', 'crawl.chromium'))
    .addOption(configOption('--concurrency <n>', 'jobs at once', 'pipeline.concurrency').argParser(Number))
    .option('--json', 'not a config key');
  command.parse(args, { from: 'user' });
  return loadConfig({ overrides: flagOverrides(command), env });
}

describe('the config a command runs with', () => {
  it('takes a flag over PAINPOINT_* environment, that over PAINPOINT_CONFIG, that over the defaults', () => {
    const file = configFile('crawl:\n  chromium: /from/file\npipeline:\n  concurrency: 3\n');
    expect(configWith([], {}).crawl.chromium).toBe('/usr/bin/chromium');
    expect(configWith([], { PAINPOINT_CONFIG: file }).crawl.chromium).toBe('/from/file');
    expect(configWith([], { PAINPOINT_CONFIG: file, PAINPOINT_CHROMIUM: '/from/env' }).crawl.chromium).toBe('/from/env');
    expect(configWith(['--chromium', '/from/flag'], { PAINPOINT_CONFIG: file, PAINPOINT_CHROMIUM: '/from/env' }).crawl.chromium).toBe('/from/flag');
    // A flag left out changes nothing; one given sets only its own key.
    const both = configWith(['--concurrency', '7', '--json'], { PAINPOINT_CONFIG: file, PAINPOINT_CHROMIUM: '/from/env' });
    expect(both.pipeline.concurrency).toBe(7);
    expect(both.crawl.chromium).toBe('/from/env');
    expect(configWith([], { PAINPOINT_CONFIG: file }).pipeline.concurrency).toBe(3);
  });

  it('takes a path in the environment from the working directory', () => {
    expect(loadConfig({ env: { PAINPOINT_SOURCES: 'shop/sources.yaml' } }).crawl.sources).toBe(path.resolve('shop/sources.yaml'));
  });

  it('names the flag layer when a flag gives a value the schema refuses', () => {
    let err: unknown;
    try {
      configWith(['--concurrency', '0'], {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).key).toBe('pipeline.concurrency');
    expect((err as Error).message).toMatch(/default\.yaml \+ command-line flags: pipeline\.concurrency: /);
  });

  it('is frozen all the way down', () => {
    const config = configWith(['--concurrency', '2'], {});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.pipeline)).toBe(true);
    expect(Object.isFrozen(config.delivery.endpoints)).toBe(true);
    expect(Object.isFrozen(config.nlp.pipeline)).toBe(true);
    expect(() => {
      (config.pipeline as { concurrency: number }).concurrency = 9;
    }).toThrow(TypeError);
    expect(config.pipeline.concurrency).toBe(2);
  });
});

describe('a command given a config flag', () => {
  it('runs with it: `painpoint analyze --sentiment-model DIR` loads the model from DIR, taken from the working directory', async () => {
    const input = configFile('{"id":"a","text":"配送太慢了"}\n');
    const missing = path.join(path.dirname(input), 'no-model-here');
    const run = await painpoint(['analyze', input, '--threads', '1', '--sentiment', 'model', '--sentiment-model', path.relative(process.cwd(), missing)]);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain(missing);
    const refused = await painpoint(['analyze', input, '--sentiment', 'vibes']);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/--sentiment/);
  });
});
