import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFixture, bearer, type AuthFixture } from '../test/auth.ts';
import { FailureThrottle, TOKEN_COOKIE } from './token-auth.ts';

// Token mode: the shared token traded for an HttpOnly cookie, bearer headers, logout, the
// slowdown after failures, and no token in the logs.

const TOKEN = 'correct-horse-battery-staple-7f3a';
let fixture: AuthFixture;
let app: FastifyInstance;

beforeAll(async () => {
  fixture = await authFixture();
  app = await fixture.app({ AUTH_MODE: 'token', AUTH_TOKEN: TOKEN });
});

afterAll(async () => {
  const logs = fixture.logs.join('');
  expect(logs).toContain('request refused');
  expect(logs).not.toContain(TOKEN);
  await fixture.close();
});

const authenticate = (target: FastifyInstance, token: string, extra: Record<string, string> = {}) =>
  target.inject({
    method: 'POST',
    url: '/api/authenticate',
    headers: { ...bearer(token), ...extra },
  });

describe('token mode', () => {
  it('trades the right token for an HttpOnly, SameSite=Strict cookie that is not the token', async () => {
    const res = await authenticate(app, TOKEN);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === TOKEN_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.value).not.toContain(TOKEN);
    expect(res.headers['set-cookie']).not.toContain(TOKEN);

    const withCookie = await app.inject({
      url: '/api/sessions',
      cookies: { [TOKEN_COOKIE]: cookie?.value ?? '' },
    });
    expect(withCookie.statusCode).toBe(200);
    const me = await app.inject({
      url: '/api/auth/me',
      cookies: { [TOKEN_COOKIE]: cookie?.value ?? '' },
    });
    expect(me.json()).toEqual({ mode: 'token', user: null });
  });

  it('accepts the bearer header on every request and refuses a wrong one', async () => {
    expect((await app.inject({ url: '/api/sessions', headers: bearer(TOKEN) })).statusCode).toBe(
      200,
    );
    const none = await app.inject('/api/sessions');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="ray-history"');
    const wrong = await app.inject({
      url: '/api/sessions',
      headers: bearer('nope'),
      remoteAddress: '10.0.0.8',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    const badCookie = await app.inject({
      url: '/api/sessions',
      cookies: { [TOKEN_COOKIE]: TOKEN },
    });
    expect(badCookie.statusCode).toBe(401);
    expect(badCookie.json().message).toMatch(/cookie is no longer valid/);
  });

  it('refuses a wrong token at /api/authenticate without setting a cookie', async () => {
    const res = await authenticate(app, 'wrong-token', {}); // from the default inject address
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'The token is not valid',
    });
    expect(res.headers['set-cookie']).toBeUndefined();
    const bare = await app.inject({ method: 'POST', url: '/api/authenticate' });
    expect(bare.statusCode).toBe(401);
    expect(bare.json().message).toMatch(/Authorization: Bearer/);
  });

  it('slows down repeated failures from one address, and only that address', async () => {
    const fromIp = (ip: string) => (token: string) =>
      app
        .inject({
          method: 'POST',
          url: '/api/authenticate',
          headers: bearer(token),
          remoteAddress: ip,
        })
        .then((res) => res.statusCode);
    const attacker = fromIp('10.1.1.1');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect(await attacker('guess')).toBe(401);
      times.push(performance.now() - started);
    }
    // Three free failures, then 250 ms, then 500 ms (a throttled attempt never takes under 250 ms).
    expect(Math.max(...times.slice(0, 3))).toBeLessThan(240);
    expect(times[3]).toBeGreaterThanOrEqual(240);
    expect(times[4]).toBeGreaterThanOrEqual(490);
    // Someone else is not slowed down.
    const started = performance.now();
    expect(await fromIp('10.2.2.2')('guess')).toBe(401);
    expect(performance.now() - started).toBeLessThan(240);
  });

  it('clears the cookie on logout', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/logout' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === TOKEN_COOKIE);
    expect(cookie?.value).toBe('');
    expect(cookie?.expires?.getTime()).toBeLessThan(Date.now());
  });

  it('marks the cookie Secure over HTTPS and scopes it to BASE_PATH', async () => {
    const proxied = await fixture.app({
      AUTH_MODE: 'token',
      AUTH_TOKEN: TOKEN,
      TRUST_PROXY: 'true',
      BASE_PATH: '/ray',
    });
    const https = await proxied.inject({
      method: 'POST',
      url: '/ray/api/authenticate',
      headers: { ...bearer(TOKEN), 'x-forwarded-proto': 'https' },
    });
    expect(https.cookies[0]).toMatchObject({ secure: true, path: '/ray', sameSite: 'Strict' });
    // Without TRUST_PROXY the header is client input and ignored.
    const direct = await authenticate(app, TOKEN, { 'x-forwarded-proto': 'https' });
    expect(direct.cookies[0]?.secure).toBeUndefined();
  });

  it('keeps the public paths public', async () => {
    for (const url of ['/livez', '/config.json', '/'])
      expect((await app.inject(url)).statusCode).toBe(200);
    expect((await app.inject('/config.json')).json().auth).toEqual({ mode: 'token' });
  });
});

describe('FailureThrottle', () => {
  it('doubles the delay after the free failures, caps it and forgets after a while', () => {
    let now = 0;
    const throttle = new FailureThrottle({ now: () => now, maxDelayMs: 1000 });
    const delays = [];
    for (let i = 0; i < 7; i++) {
      delays.push(throttle.delayFor('a'));
      throttle.recordFailure('a');
    }
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 1000]);
    throttle.recordSuccess('a');
    expect(throttle.delayFor('a')).toBe(0);
    for (let i = 0; i < 5; i++) throttle.recordFailure('b');
    now += 16 * 60 * 1000;
    expect(throttle.delayFor('b')).toBe(0);
  });

  it('keeps a bounded number of addresses', () => {
    const throttle = new FailureThrottle({ maxClients: 2, freeFailures: 0 });
    for (const ip of ['a', 'b', 'c']) throttle.recordFailure(ip);
    expect(throttle.delayFor('a')).toBe(0);
    expect(throttle.delayFor('c')).toBe(500);
  });
});
