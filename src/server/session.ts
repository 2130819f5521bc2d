import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/**
 * Browser sign-in for the dashboard: the API token, presented once as `?token=`, is exchanged for a
 * random session id in an HttpOnly, SameSite=Strict cookie. Each session has a CSRF token (an HMAC
 * of its id) that every POST must carry in X-CSRF-Token. Sessions live in this process's memory:
 * a restart of serve signs everyone out.
 */

export const SESSION_COOKIE = 'pp_session';
const SESSION_HOURS = 12;
const MAX_SESSIONS = 10_000;

/** Equal strings in constant time whatever their lengths (the hashes have one length). */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function cookies(req: http.IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

export class SessionStore {
  private readonly sessions = new Map<string, number>();
  private readonly csrfKey = randomBytes(32);

  /** A new session; returns the Set-Cookie value. */
  open(secure: boolean): { id: string; cookie: string } {
    const now = Date.now();
    if (this.sessions.size >= MAX_SESSIONS) for (const [id, until] of this.sessions) if (until < now || this.sessions.size >= MAX_SESSIONS) this.sessions.delete(id);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, now + SESSION_HOURS * 3_600_000);
    const cookie = `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}${secure ? '; Secure' : ''}`;
    return { id, cookie };
  }

  /** The request's live session id, if any. */
  sessionOf(req: http.IncomingMessage): string | undefined {
    const id = cookies(req).get(SESSION_COOKIE);
    if (!id) return undefined;
    const until = this.sessions.get(id);
    if (until === undefined) return undefined;
    if (until < Date.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return id;
  }

  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionId).digest('base64url');
  }

  csrfMatches(sessionId: string, presented: string | undefined): boolean {
    return presented !== undefined && sameSecret(presented, this.csrfToken(sessionId));
  }
}
