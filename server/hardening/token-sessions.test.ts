import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFixture, bearer, type AuthFixture } from '../test/auth.ts';
import { TOKEN_COOKIE } from '../auth/token-auth.ts';
import { TokenSessions } from '../auth/token-session.ts';

// The token-mode cookie used to be a fixed HMAC of the token: valid forever, logout or not.
// It now names a session (an id and its issue time, signed) that ends at its maximum age or at
// logout.

const TOKEN = 'sessions-end-at-logout-5e2a';
let fixture: AuthFixture;
let app: FastifyInstance;
beforeAll(async () => {
  fixture = await authFixture();
  app = await fixture.app({ AUTH_MODE: 'token', AUTH_TOKEN: TOKEN });
});
afterAll(() => fixture.close());

async function signIn(): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/authenticate',
    headers: bearer(TOKEN),
  });
  const cookie = res.cookies.find((c) => c.name === TOKEN_COOKIE);
  expect(cookie?.maxAge).toBe(12 * 3600);
  return cookie!.value;
}
const sessionsWith = (cookie: string) =>
  app.inject({ url: '/api/sessions', cookies: { [TOKEN_COOKIE]: cookie } });

describe('token-mode sessions', () => {
  it('ends a session at logout, and only that session', async () => {
    const mine = await signIn();
    const other = await signIn();
    expect(mine).not.toBe(other);
    expect((await sessionsWith(mine)).statusCode).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/api/logout',
      cookies: { [TOKEN_COOKIE]: mine },
    });
    expect(out.statusCode).toBe(200);
    const after = await sessionsWith(mine);
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toMatch(/cookie is no longer valid/);
    expect((await sessionsWith(other)).statusCode).toBe(200);
  });

  it('refuses the old fixed cookie and any tampered one', async () => {
    const fixed = createHmac('sha256', TOKEN).update('ray-history session').digest('base64url');
    expect((await sessionsWith(fixed)).statusCode).toBe(401);
    const [version, id, issued, signature] = (await signIn()).split('.');
    const later = `${version}.${id}.${Number(issued) + 3600}.${signature}`;
    expect((await sessionsWith(later)).statusCode).toBe(401);
  });

  it('ends a session at its maximum age, and a new token ends them all', () => {
    let now = Date.UTC(2026, 0, 1);
    const sessions = new TokenSessions(TOKEN, 12 * 3600, () => now);
    const cookie = sessions.issue();
    now += 12 * 3600 * 1000 - 1000;
    expect(sessions.verify(cookie)).not.toBeNull();
    now += 2000;
    expect(sessions.verify(cookie)).toBeNull();
    expect(new TokenSessions('another-token', 12 * 3600, () => now).verify(cookie)).toBeNull();
  });

  it('takes its maximum age from AUTH_SESSION_MAX_AGE_SECONDS', async () => {
    const short = await fixture.app({
      AUTH_MODE: 'token',
      AUTH_TOKEN: TOKEN,
      AUTH_SESSION_MAX_AGE_SECONDS: '600',
    });
    const res = await short.inject({
      method: 'POST',
      url: '/api/authenticate',
      headers: bearer(TOKEN),
    });
    expect(res.cookies[0]?.maxAge).toBe(600);
  });
});
