import { describe, expect, it } from 'vitest';
import { signBody, signatureDigest, verifySignature } from '../../../src/delivery/signature.ts';
import { verifyPainpoint } from './fixtures/verify-painpoint.js';

const secret = 'whsec_test_1234';
const body = JSON.stringify({ id: 7, rule: 'spoilage', evidence: '收到的鸭脖已经变质了' });

describe('webhook signature', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">', () => {
    const header = signBody(secret, body, 1_700_000_000);
    // Independent computation with the documented recipe (and a known vector).
    expect(header).toBe(`t=1700000000,v1=${signatureDigest(secret, 1_700_000_000, body)}`);
    // HMAC-SHA256(key "k", "1.x"), computed apart from painpoint.
    expect(signBody('k', 'x', 1)).toBe('t=1,v1=976cb87e4f568d1c0f03f32859e90af8597cf00b978ba37c229c97d3a15b8449');
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it('verifies a signed body and refuses a tampered one, an old one, and a wrong secret', () => {
    const now = 1_700_000_100;
    const header = signBody(secret, body, 1_700_000_000);
    expect(verifySignature(secret, header, body, { now })).toEqual({ ok: true, timestamp: 1_700_000_000 });
    expect(verifySignature(secret, header, body.replace('变质', '新鲜'), { now })).toMatchObject({ ok: false, reason: /does not match/ });
    expect(verifySignature('other', header, body, { now })).toMatchObject({ ok: false });
    expect(verifySignature(secret, header, body, { now: now + 1000, toleranceSeconds: 300 })).toMatchObject({ ok: false, reason: /tolerance/ });
    expect(verifySignature(secret, 'v1=abc', body, { now })).toMatchObject({ ok: false, reason: /t=/ });
    expect(verifySignature(secret, 't=1700000000', body, { now })).toMatchObject({ ok: false, reason: /v1=/ });
    expect(verifySignature(secret, 't=1700000000,v1=zz', body, { now })).toMatchObject({ ok: false });
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const good = signBody(secret, body, 1_700_000_000).split(',')[1]!;
    const header = `t=1700000000,v1=${'0'.repeat(64)},${good}`;
    expect(verifySignature(secret, header, body, { now: 1_700_000_000 }).ok).toBe(true);
  });

  it('the receiver snippet of the README verifies what painpoint signs', () => {
    const header = signBody(secret, body);
    expect(verifyPainpoint(secret, header, Buffer.from(body))).toBe(true);
    expect(verifyPainpoint(secret, header, Buffer.from(body + ' '))).toBe(false);
    expect(verifyPainpoint('wrong', header, body)).toBe(false);
    expect(verifyPainpoint(secret, signBody(secret, body, Math.floor(Date.now() / 1000) - 3600), body)).toBe(false);
  });
});
