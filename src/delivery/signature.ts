import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'X-Painpoint-Signature';
/** The alert (or digest, escalation, operational alert) id: stable across retries, for de-duplication. */
export const ID_HEADER = 'X-Painpoint-Id';

export function signatureDigest(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header value for a body sent at `timestamp` (unix seconds). */
export function signBody(secret: string, body: string | Buffer, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signatureDigest(secret, timestamp, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks a signature header against the raw body. Every `v1` in the header is tried (a sender rotating
 * secrets may send two); comparison is constant-time; a timestamp outside the tolerance is refused
 * so that a captured request cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string | Buffer,
  options: { toleranceSeconds?: number; now?: number } = {},
): VerifyResult {
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1') candidates.push(value);
  }
  if (timestamp === undefined) return { ok: false, reason: 'the header has no t=<unix seconds>' };
  if (candidates.length === 0) return { ok: false, reason: 'the header has no v1=<signature>' };
  if (Math.abs(now - timestamp) > tolerance) {
    return { ok: false, reason: `the timestamp is ${now - timestamp} s from now, beyond the ${tolerance} s tolerance` };
  }
  const expected = Buffer.from(signatureDigest(secret, timestamp, body), 'hex');
  for (const candidate of candidates) {
    if (!/^[0-9a-f]+$/i.test(candidate)) continue;
    const given = Buffer.from(candidate, 'hex');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, timestamp };
  }
  return { ok: false, reason: 'the signature does not match the body' };
}
