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
    for (const a of ['8.8.8.8', '93.184.216.34', '2001:4860:4860::8888', '172.32.0.1', '198.20.0.1', '::ffff:8.8.8.8']) expect(isSpecialAddress(a), a).toBe(false);
  });

  it('knows the rest of the IANA special-purpose ranges, and IPv6 forms that carry an IPv4 address', () => {
    const special = [
      '198.18.0.1', '198.19.255.254', '192.0.0.8', '192.0.2.1', '198.51.100.7', '203.0.113.9', '192.88.99.1', '240.0.0.1', '255.255.255.255', '224.0.0.251',
      '64:ff9b::7f00:1', '64:ff9b::10.0.0.1', '64:ff9b:1::1', '::7f00:1', '::10.0.0.1', '::127.0.0.1', '2002:7f00:1::', '2001::1', '2001:db8::1', '100::1', 'fec0::1', 'ff02::1',
      '::ffff:7f00:1', '::ffff:a9fe:a9fe', '3fff::1',
    ];
    for (const a of special) expect(isSpecialAddress(a), a).toBe(true);
  });

  it('refuses NAT64, IPv4-compatible and benchmarking addresses behind a listed name', () => {
    const allow = buildAllowlist(['hooks.example.com']);
    for (const a of ['64:ff9b::7f00:1', '::7f00:1', '198.18.0.1', '::ffff:7f00:1', '2002:a9fe:a9fe::1']) {
      expect(addressAllowed('hooks.example.com', a, allow), a).toBe(false);
    }
    expect(() => checkWebhookUrl('http://[64:ff9b::7f00:1]/x', allow)).toThrow(WebhookTargetRefused);
  });

  it('an IP or CIDR entry admits URLs naming that address, not every host name that resolves into it', async () => {
    const allow = buildAllowlist(['127.0.0.1', '10.8.0.0/16', 'hooks.example.com']);
    expect(() => checkWebhookUrl('http://127.0.0.1:9/x', allow)).not.toThrow();
    expect(() => checkWebhookUrl('http://10.8.1.2/x', allow)).not.toThrow();
    expect(() => checkWebhookUrl('http://attacker-rebind.example.net/x', allow)).toThrow(/not in the allowlist/);
    expect(addressAllowed('attacker-rebind.example.net', '127.0.0.1', allow)).toBe(false);
    expect(addressAllowed('anything.internal', '10.8.3.4', allow)).toBe(false);
    // A listed name may resolve to a private address that an IP or CIDR entry lists too.
    expect(addressAllowed('hooks.example.com', '10.8.3.4', allow)).toBe(true);
    expect(addressAllowed('hooks.example.com', '10.9.3.4', allow)).toBe(false);
    await expect(lookupThrough(allow, { 'evil.example.net': ['127.0.0.1'] }, 'evil.example.net')).rejects.toThrow(WebhookTargetRefused);
  });

  it('admits a listed host at a public address only; private targets need an explicit IP or CIDR', () => {
    const allow = buildAllowlist(['hooks.example.com', '*.corp.example', '127.0.0.1', '10.8.0.0/16']);
    expect(addressAllowed('hooks.example.com', '93.184.216.34', allow)).toBe(true);
    expect(addressAllowed('hooks.example.com', '127.0.0.1', allow)).toBe(true); // 127.0.0.1 is listed
    expect(addressAllowed('hooks.example.com', '192.168.0.5', allow)).toBe(false);
    expect(addressAllowed('a.corp.example', '93.184.216.35', allow)).toBe(true);
    expect(addressAllowed('corp.example', '93.184.216.35', allow)).toBe(false);
    expect(addressAllowed('evil.example.net', '93.184.216.34', allow)).toBe(false);
    expect(addressAllowed('a.corp.example', '10.8.3.4', allow)).toBe(true);
    expect(addressAllowed('a.corp.example', '10.9.3.4', allow)).toBe(false);
    expect(addressAllowed('::ffff:10.8.1.1', '::ffff:10.8.1.1', allow)).toBe(true);
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
