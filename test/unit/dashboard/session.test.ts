import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { sameSecret, SessionStore } from '../../../src/server/session.ts';

const request = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as http.IncomingMessage;

describe('SessionStore', () => {
  it('opens a session as an HttpOnly, SameSite=Strict cookie that identifies it', () => {
    const store = new SessionStore();
    const { id, cookie } = store.open(false);
    expect(cookie).toMatch(/^pp_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    expect(store.open(true).cookie).toMatch(/; Secure$/);
    expect(store.sessionOf(request(`lang=en; pp_session=${id}`))).toBe(id);
    expect(store.sessionOf(request('pp_session=forged'))).toBeUndefined();
    expect(store.sessionOf(request())).toBeUndefined();
  });

  it("accepts a session's own CSRF token only", () => {
    const store = new SessionStore();
    const a = store.open(false).id;
    const b = store.open(false).id;
    expect(store.csrfMatches(a, store.csrfToken(a))).toBe(true);
    expect(store.csrfMatches(a, store.csrfToken(b))).toBe(false);
    expect(store.csrfMatches(a, undefined)).toBe(false);
    expect(store.csrfMatches(a, '')).toBe(false);
    // Another process (a restart) has another key: old tokens stop working.
    expect(new SessionStore().csrfToken(a)).not.toBe(store.csrfToken(a));
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('a'.repeat(20), 'a'.repeat(20))).toBe(true);
    expect(sameSecret('a', 'a'.repeat(20))).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
