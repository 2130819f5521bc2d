import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config/index.ts';
import { ConfigError } from '../../../../src/errors/index.ts';
import { BrowserHost } from '../../../../src/sources/crawl/browser-host.ts';
import { chromiumPath, findSource, loadSources, sourcesFilePath, userAgentFor } from '../../../../src/sources/crawl/sources-file.ts';
import { createLogger } from '../../../../src/log/logger.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-sources-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const configFor = (file: string) => loadConfig({ env: { PAINPOINT_SOURCES: file } });

const valid = `
sources:
  - id: shop-a
    channel: review
    startUrls: [https://shop.example/reviews]
    schedule: "*/5 * * * *"
    item: .review
    fields: { text: .text, externalId: { attribute: data-id } }
    pagination: { next: { selector: a.next } }
`;

describe('sources.yaml', () => {
  it('ships a valid example that crawls nothing on a fresh start', () => {
    const config = loadConfig({ env: {} });
    expect(sourcesFilePath(config)).toMatch(/config\/sources\.yaml$/);
    const sources = loadSources(config);
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s.enabled && s.schedule !== undefined).toBe(false);
  });

  it('fills the defaults', () => {
    const [source] = loadSources(configFor(write('valid.yaml', valid)));
    expect(source).toMatchObject({ id: 'shop-a', enabled: true, timezone: 'Asia/Shanghai', rate: 1, retries: 2, timeoutMs: 30_000 });
    expect(source!.pagination).toEqual({ next: { selector: 'a.next', maxPages: 10 } });
  });

  it('uses PAINPOINT_SOURCES instead of config/sources.yaml', () => {
    const file = write('env.yaml', valid);
    expect(sourcesFilePath(configFor(file))).toBe(file);
  });

  it.each([
    ['channel', valid.replace('channel: review', 'channel: chat'), 'sources.0.channel'],
    ['cron', valid.replace('"*/5 * * * *"', '"every day"'), 'sources.0.schedule'],
    ['time zone', valid.replace('    item:', '    timezone: Mars/Olympus\n    item:'), 'sources.0.timezone'],
    ['start URL', valid.replace('https://shop.example/reviews', 'ftp://shop.example/x'), 'sources.0.startUrls.0'],
    ['text selector', valid.replace('text: .text, ', ''), 'sources.0.fields.text'],
    ['unknown key', valid.replace('    item:', '    itme: .x\n    item:'), 'sources.0'],
  ])('names the file and the key of a bad %s', (_what, text, key) => {
    const file = write('bad.yaml', text);
    let error: unknown;
    try {
      loadSources(configFor(file));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(file);
    expect((error as ConfigError).key).toBe(key);
  });

  it('rejects two pagination kinds at once and duplicate ids', () => {
    const both = valid.replace('{ next: { selector: a.next } }', '{ next: { selector: a.next }, loadMore: { selector: b } }');
    expect(() => loadSources(configFor(write('both.yaml', both)))).toThrow(/sources\.0\.pagination/);
    const twice = valid + valid.replace('sources:\n', '');
    expect(() => loadSources(configFor(write('twice.yaml', twice)))).toThrow(/sources\.1\.id: duplicate source id "shop-a"/);
  });

  it('finds a source by id or says which exist', () => {
    const sources = loadSources(configFor(write('find.yaml', valid)));
    expect(findSource(sources, 'shop-a', 'f').id).toBe('shop-a');
    expect(() => findSource(sources, 'nope', 'f')).toThrow(/no source "nope" \(sources: shop-a\)/);
  });

  it('builds an identifiable User-Agent', () => {
    const config = loadConfig({ env: {}, overrides: { crawl: { contact: 'https://shop.example/crawler' } } });
    const [source] = loadSources(configFor(write('ua.yaml', valid)));
    expect(userAgentFor(source!, config)).toMatch(/^painpoint\/\d+\.\d+\.\d+ \(\+https:\/\/shop\.example\/crawler\)$/);
    expect(userAgentFor({ ...source!, userAgent: 'mybot/1' }, config)).toBe('mybot/1');
  });

  it('launches the Chromium PAINPOINT_CHROMIUM names, else crawl.chromium, and says so when it is missing', async () => {
    expect(chromiumPath(loadConfig({ env: {} }))).toBe('/usr/bin/chromium');
    expect(chromiumPath(loadConfig({ env: { PAINPOINT_CHROMIUM: '/opt/chromium/chrome' } }))).toBe('/opt/chromium/chrome');
    const host = new BrowserHost({ executablePath: path.join(dir, 'no-chromium'), logger: createLogger({ level: 'silent' }) });
    await expect(host.newContext({ userAgent: 'x' })).rejects.toThrow(/Chromium not found at .*no-chromium \(install the chromium package or set PAINPOINT_CHROMIUM\)/);
  });
});
