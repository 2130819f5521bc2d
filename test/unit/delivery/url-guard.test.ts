import type dns from 'node:dns';
import { describe, expect, it } from 'vitest';
import { addressAllowed, buildAllowlist, checkWebhookUrl, guardedLookup, isSpecialAddress, WebhookTargetRefused } from '../../../src/delivery/url-guard.ts';

function fakeResolver(answers: Record<string, string[]>): typeof dns.lookup {
  return ((host: string, _opts: unknown, cb: (err: Error | null, addrs: dns.LookupAddress[]) => void) => {
    const list = answers[host];
    if (!list) return cb(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    cb(null, list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }) as unknown as typeof dns.lookup;
}

function lookupThrough(allow: ReturnType<typeof buildAllowlist>, answers: Record<string, string[]>, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    guardedLookup(allow, fakeResolver(answers))(host, {}, (err, address) => (err ? reject(err) : resolve(address as string)));
  });
}

describe('webhook URL guard', () => {
  it('knows loopback, private, link-local and mapped addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.1.1']) {
      expect(isSpecialAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '203.0.113.9', '2001:4860:4860::8888', '172.32.0.1']) expect(isSpecialAddress(a), a).toBe(false);
  });

  it('admits a listed host at a public address only; private targets need an explicit IP or CIDR', () => {
    const allow = buildAllowlist(['hooks.example.com', '*.corp.example', '127.0.0.1', '10.8.0.0/16']);
    expect(addressAllowed('hooks.example.com', '93.184.216.34', allow)).toBe(true);
    expect(addressAllowed('hooks.example.com', '127.0.0.1', allow)).toBe(true); // 127.0.0.1 is listed
    expect(addressAllowed('hooks.example.com', '192.168.0.5', allow)).toBe(false);
    expect(addressAllowed('a.corp.example', '93.184.216.35', allow)).toBe(true);
    expect(addressAllowed('corp.example', '93.184.216.35', allow)).toBe(false);
    expect(addressAllowed('evil.example.net', '93.184.216.34', allow)).toBe(false);
    expect(addressAllowed('anything.internal', '10.8.3.4', allow)).toBe(true);
    expect(addressAllowed('anything.internal', '10.9.3.4', allow)).toBe(false);
    expect(addressAllowed('x', '::ffff:10.8.1.1', allow)).toBe(true);
  });

  it('refuses schemes, credentials and hosts that could never pass', () => {
    const allow = buildAllowlist(['hooks.example.com']);
    expect(() => checkWebhookUrl('ftp://hooks.example.com/x', allow)).toThrow(/http or https/);
    expect(() => checkWebhookUrl('https://u:p@hooks.example.com/x', allow)).toThrow(/credentials/);
    expect(() => checkWebhookUrl('https://other.example.com/x', allow)).toThrow(WebhookTargetRefused);
    expect(() => checkWebhookUrl('http://127.0.0.1:9/x', allow)).toThrow(/127\.0\.0\.1.*allowlist/);
    expect(() => checkWebhookUrl('http://[::1]:9/x', allow)).toThrow(WebhookTargetRefused);
    expect(checkWebhookUrl('https://hooks.example.com/x', allow).hostname).toBe('hooks.example.com');
    expect(() => checkWebhookUrl('http://127.0.0.1:9/x', buildAllowlist(['127.0.0.1']))).not.toThrow();
  });

  it('checks the address a name resolves to, so DNS cannot point a listed name inside', async () => {
    const allow = buildAllowlist(['hooks.example.com', 'rebind.example.com']);
    const answers = { 'hooks.example.com': ['93.184.216.34'], 'rebind.example.com': ['93.184.216.34', '169.254.169.254'] };
    await expect(lookupThrough(allow, answers, 'hooks.example.com')).resolves.toBe('93.184.216.34');
    await expect(lookupThrough(allow, answers, 'rebind.example.com')).rejects.toThrow(/169\.254\.169\.254/);
    await expect(lookupThrough(allow, answers, 'missing.example.com')).rejects.toThrow(/ENOTFOUND/);
  });
});
