import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { signBody } from '../../../src/delivery/signature.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.TEST_HOOK_SECRET;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await main(['node', 'painpoint', ...args]);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('painpoint verify-signature', () => {
  it('accepts a saved request signed with the secret and refuses it once a byte changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-verify-'));
    dirs.push(dir);
    const body = path.join(dir, 'body.json');
    const raw = JSON.stringify({ id: 3, rule: 'expired', evidence: '收到的酸奶已经过期了' });
    fs.writeFileSync(body, raw);
    process.env.TEST_HOOK_SECRET = 'saved-request-secret';
    const header = signBody('saved-request-secret', raw, Math.floor(Date.now() / 1000) - 86_400);

    const ok = await run(['verify-signature', '--secret-env', 'TEST_HOOK_SECRET', '--signature', header, '--body', body]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/^valid: signed .* \(86\d{3} s ago\)/);

    const stale = await run(['verify-signature', '--secret-env', 'TEST_HOOK_SECRET', '--signature', header, '--body', body, '--max-age', '300']);
    expect(stale).toMatchObject({ code: 1 });
    expect(stale.out).toMatch(/^invalid: .*tolerance/);

    fs.writeFileSync(body, raw.replace('过期', '新鲜'));
    const tampered = await run(['verify-signature', '--secret-env', 'TEST_HOOK_SECRET', '--signature', header, '--body', body]);
    expect(tampered).toEqual({ code: 1, out: 'invalid: the signature does not match the body\n', err: '' });

    const missing = await run(['verify-signature', '--secret-env', 'NOT_SET_ANYWHERE', '--signature', header, '--body', body]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/NOT_SET_ANYWHERE is not set/);
  });
});

describe('painpoint serve', () => {
  it('refuses to start without a bearer token, before touching any database', async () => {
    const saved = process.env.PAINPOINT_API_TOKEN;
    process.env.PAINPOINT_API_TOKEN = 'short';
    try {
      const result = await run(['serve', '--port', '0']);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/PAINPOINT_API_TOKEN must be set to a token of at least 16 characters/);
    } finally {
      if (saved === undefined) delete process.env.PAINPOINT_API_TOKEN;
      else process.env.PAINPOINT_API_TOKEN = saved;
    }
  });
});
