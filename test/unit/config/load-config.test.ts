import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/errors/index.ts';

const tmp: string[] = [];
function writeTemp(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-config-'));
  tmp.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
afterEach(() => {
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('reads config/default.yaml and freezes the result', () => {
    const config = loadConfig({ env: {} });
    expect(config.nlp.tokenizer).toBe('node-rs-jieba');
    expect(config.pipeline.batchSize).toBeGreaterThan(0);
    expect(Object.isFrozen(config.nlp)).toBe(true);
  });

  it('merges PAINPOINT_CONFIG over the defaults, and flags over both', () => {
    const file = writeTemp('over.yaml', 'pipeline:\n  batchSize: 42\n  queuePrefix: shop-a\n');
    const config = loadConfig({ env: { PAINPOINT_CONFIG: file }, overrides: { pipeline: { queuePrefix: 'from-flag' } } });
    expect(config.pipeline.batchSize).toBe(42);
    expect(config.pipeline.queuePrefix).toBe('from-flag');
    expect(config.nlp.sentiment).toBe('ensemble');
  });

  it('names the file and the key of an invalid value', () => {
    const file = writeTemp('bad.yaml', 'nlp:\n  tokenizer: hanlp\n');
    expect(() => loadConfig({ env: { PAINPOINT_CONFIG: file } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { PAINPOINT_CONFIG: file } })).toThrow(/bad\.yaml: nlp\.tokenizer: /);
  });

  it('names the line of a YAML syntax error', () => {
    const file = writeTemp('broken.yaml', 'pipeline:\n  batchSize: [1,\n');
    expect(() => loadConfig({ env: { PAINPOINT_CONFIG: file } })).toThrow(/broken\.yaml: invalid YAML at line \d+/);
  });

  it('reads the fixed environment variables', () => {
    const config = loadConfig({ env: { DATABASE_URL: 'postgres://u:p@h/db', PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1, hooks.example.com' } });
    expect(config.env.databaseUrl).toBe('postgres://u:p@h/db');
    expect(config.env.redisUrl).toBeUndefined();
    expect(config.env.webhookAllowHosts).toEqual(['127.0.0.1', 'hooks.example.com']);
  });
});
