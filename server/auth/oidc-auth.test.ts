import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CONFIDENTIAL_CLIENT_ID,
  OPAQUE_CLIENT_ID,
  OTHER_RESOURCE,
  SPA_CLIENT_ID,
  startOidcProvider,
  type TestOidcProvider,
} from '../../e2e/support/oidc-provider.ts';
import { authFixture, bearer, DEFAULT_INFO, ML_INFO, type AuthFixture } from '../test/auth.ts';

// OIDC mode against a real provider (oidc-provider on loopback): JWTs, opaque tokens at userinfo,
// ALLOWED_USERS, namespace rules, the token proxy, and no credential in any log line.

let provider: TestOidcProvider;
let fixture: AuthFixture;
let app: FastifyInstance;
let aliceToken: string;
/** Every credential the tests used: none may appear in the logs. */
const secrets: string[] = [];

const CHALLENGE = 'Bearer realm="ray-history"';

beforeAll(async () => {
  [provider, fixture] = await Promise.all([startOidcProvider(), authFixture()]);
  app = await fixture.app({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: SPA_CLIENT_ID,
  });
  aliceToken = (await provider.mint({ user: 'alice' })).access_token;
  secrets.push(aliceToken, provider.clientSecret);
});

afterAll(async () => {
  // The log check covers every flow above it in this file.
  const logs = fixture.logs.join('');
  expect(logs).toContain('request refused');
  for (const secret of secrets) expect(logs).not.toContain(secret);
  await fixture.close();
  await provider.close();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('OIDC access tokens', () => {
  it('lets a valid JWT through and names its user', async () => {
    const sessions = await app.inject({ url: '/api/sessions', headers: bearer(aliceToken) });
    expect(sessions.statusCode).toBe(200);
    expect(sessions.json().total).toBe(2);
    const me = await app.inject({ url: '/api/auth/me', headers: bearer(aliceToken) });
    expect(me.json()).toEqual({ mode: 'oidc', user: { id: 'alice', name: 'Alice Liddell' } });
  });

  it('answers 401 with a bare challenge when no token is sent', async () => {
    for (const url of ['/api/sessions', '/api/auth/me', DEFAULT_INFO, '/clusters', '/info']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['www-authenticate']).toBe(CHALLENGE);
      expect(res.json()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringMatching(/sign in/),
      });
    }
  });

  it('refuses an expired token, after the clock tolerance', async () => {
    const { access_token } = await provider.mint({ ttl: 1 });
    secrets.push(access_token);
    vi.useFakeTimers({ toFake: ['Date'] });
    // Within the 30 s tolerance the token still counts.
    vi.setSystemTime(Date.now() + 20_000);
    const late = await app.inject({ url: '/api/sessions', headers: bearer(access_token) });
    expect(late.statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 30_000);
    const res = await app.inject({ url: '/api/sessions', headers: bearer(access_token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('The access token has expired');
    expect(res.headers['www-authenticate']).toBe(
      `${CHALLENGE}, error="invalid_token", error_description="The access token has expired"`,
    );
  });

  it('refuses a token for another audience', async () => {
    const { access_token } = await provider.mint({ resource: OTHER_RESOURCE });
    secrets.push(access_token);
    const res = await app.inject({ url: '/api/sessions', headers: bearer(access_token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/not for this dashboard \(audience ray-history-spa\)/);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  it('refuses garbage, a forged signature, an ID token and a non-bearer header', async () => {
    const [header = '', payload = ''] = aliceToken.split('.');
    const { id_token: idToken = '' } = await provider.mint();
    secrets.push(idToken);
    const cases: [Record<string, string>, RegExp][] = [
      [bearer('a.b.c'), /not valid/],
      [bearer(`${header}.${payload}.${'A'.repeat(342)}`), /not valid/],
      [bearer('opaque-garbage-token'), /rejected by the OIDC userinfo endpoint/],
      [bearer(idToken), /ID token/],
      [{ authorization: 'Basic YWxpY2U6cHc=' }, /must be "Bearer <token>"/],
    ];
    for (const [headers, message] of cases) {
      const res = await app.inject({ url: '/api/sessions', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toMatch(message);
      expect(res.headers['www-authenticate']).toMatch(
        /^Bearer realm="ray-history", error="invalid_token"/,
      );
    }
  });

  it('checks an opaque token at userinfo and caches the answer briefly', async () => {
    const { access_token } = await provider.mint({ clientId: OPAQUE_CLIENT_ID, user: 'mallory' });
    secrets.push(access_token);
    expect(access_token.split('.')).toHaveLength(1);
    const before = provider.hits('/me');
    const first = await app.inject({ url: '/api/auth/me', headers: bearer(access_token) });
    expect(first.json()).toEqual({ mode: 'oidc', user: { id: 'mallory', name: 'Mallory Mallet' } });
    const again = await app.inject({ url: '/api/sessions', headers: bearer(access_token) });
    expect(again.statusCode).toBe(200);
    expect(provider.hits('/me')).toBe(before + 1);
    // After the cache's minute the provider is asked again.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    const later = await app.inject({ url: '/api/sessions', headers: bearer(access_token) });
    expect(later.statusCode).toBe(200);
    expect(provider.hits('/me')).toBe(before + 2);
  });
});

describe('who may see what', () => {
  it('answers 403 naming the user outside ALLOWED_USERS', async () => {
    const strict = await fixture.app({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: SPA_CLIENT_ID,
      OIDC_USER_CLAIM: 'aliuid',
      ALLOWED_USERS: '1000001',
    });
    const { access_token: malloryToken } = await provider.mint({ user: 'mallory' });
    secrets.push(malloryToken);
    const denied = await strict.inject({ url: '/api/auth/me', headers: bearer(malloryToken) });
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['www-authenticate']).toBeUndefined();
    expect(denied.json()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'User 1000666 is not allowed to use this dashboard (not in ALLOWED_USERS)',
    });
    const allowed = await strict.inject({ url: '/api/auth/me', headers: bearer(aliceToken) });
    expect(allowed.json().user).toEqual({ id: '1000001', name: 'Alice Liddell' });
  });

  it('filters lists and refuses session URLs by namespace rules', async () => {
    const ruled = await fixture.app({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: SPA_CLIENT_ID,
      ALLOWED_NAMESPACES: 'default',
      NAMESPACE_RULES: 'alice=ml',
    });
    const { access_token: malloryToken } = await provider.mint({ user: 'mallory' });
    secrets.push(malloryToken);
    const list = async (token: string) =>
      (await ruled.inject({ url: '/api/sessions', headers: bearer(token) })).json();
    expect(await list(aliceToken)).toMatchObject({ total: 1, namespaces: ['ml'] });
    expect(await list(malloryToken)).toMatchObject({ total: 1, namespaces: ['default'] });
    const clusters = await ruled.inject({ url: '/clusters', headers: bearer(aliceToken) });
    expect(clusters.json().map((c: { namespace: string }) => c.namespace)).toEqual(['ml']);

    const refused = await ruled.inject({ url: DEFAULT_INFO, headers: bearer(aliceToken) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe(
      'Namespace default is not open to user alice (ALLOWED_NAMESPACES / NAMESPACE_RULES)',
    );
    expect((await ruled.inject({ url: ML_INFO, headers: bearer(aliceToken) })).statusCode).toBe(
      200,
    );
    const enter = await ruled.inject({
      url: '/enter_cluster/default/raycluster/raycluster-a',
      headers: bearer(aliceToken),
    });
    expect(enter.statusCode).toBe(403);
    // The cookie form of the session routes obeys the same rule.
    const viaCookie = await ruled.inject({
      url: '/info',
      headers: bearer(aliceToken),
      cookies: { cluster_namespace: 'default', cluster_name: 'raycluster-a' },
    });
    expect(viaCookie.statusCode).toBe(403);
  });
});

describe('public paths', () => {
  it('answer without a token; everything else needs one', async () => {
    const open: [string, Record<string, string>?][] = [
      ['/livez'],
      ['/readz'],
      ['/config.json'],
      ['/'],
      ['/assets/app.js'],
      ['/clusters', { accept: 'text/html' }],
      ['/jobs/some/deep/link?x=1', { accept: 'text/html' }],
    ];
    for (const [url, headers] of open) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, url).toBe(200);
    }
    // Unknown API paths are a plain 404: nothing to protect.
    expect((await app.inject('/api/nope')).statusCode).toBe(404);
    // Bad credentials do not matter on a public path.
    expect((await app.inject({ url: '/livez', headers: bearer('x') })).statusCode).toBe(200);
    for (const url of ['/clusters', '/api/v0/tasks', '/nodes', '/events', '/logical/actors']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(401);
    }
    const token = await app.inject({ method: 'POST', url: '/api/authenticate' });
    expect(token.statusCode).toBe(404);
    // Without a client secret there is no token proxy: a POST there meets the read-only policy.
    const proxy = await app.inject({ method: 'POST', url: '/auth/token', payload: 'a=b' });
    expect(proxy.statusCode).toBe(405);
  });

  it('tells the SPA the embedding origins taken from FRAME_ANCESTORS', async () => {
    const framed = await fixture.app({
      FRAME_ANCESTORS: "'self' https://console.example.com https://*.example.org",
    });
    const config = (await framed.inject('/config.json')).json();
    expect(config.embedding).toEqual({ parentOrigins: ['https://console.example.com'] });
  });
});

describe('an unreachable provider', () => {
  it('answers 503 naming the discovery URL, and recovers nothing wrong from cache', async () => {
    const down = await fixture.app({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_CLIENT_ID: SPA_CLIENT_ID,
    });
    for (let i = 0; i < 2; i++) {
      const res = await down.inject({ url: '/api/sessions', headers: bearer(aliceToken) });
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toMatch(
        /discovery document http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration could not be read/,
      );
    }
  });
});

describe('the token proxy for confidential clients', () => {
  const redirectUri = 'http://dashboard.test/auth/callback';
  const form = (fields: Record<string, string>) => ({
    method: 'POST' as const,
    url: '/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

  for (const method of ['client_secret_post', 'client_secret_basic'] as const) {
    it(`adds the secret (${method}) and never returns it`, async () => {
      const upstream =
        method === 'client_secret_post'
          ? provider
          : await startOidcProvider({ clientAuthMethod: 'client_secret_basic' });
      secrets.push(upstream.clientSecret);
      upstream.allowRedirectUri(redirectUri);
      const proxyApp = await fixture.app({
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: upstream.issuer,
        OIDC_CLIENT_ID: CONFIDENTIAL_CLIENT_ID,
        OIDC_CLIENT_SECRET: upstream.clientSecret,
        OIDC_REDIRECT_URI: redirectUri,
        ...(method === 'client_secret_post' && { OIDC_TOKEN_AUTH_METHOD: method }),
      });
      const bodies: string[] = [];
      try {
        const config = await proxyApp.inject('/config.json');
        bodies.push(config.body);
        expect(config.json().auth.oidc.tokenProxy).toBe('/auth/token');

        const { code, codeVerifier } = await upstream.authorize({
          clientId: CONFIDENTIAL_CLIENT_ID,
          redirectUri,
        });
        secrets.push(code, codeVerifier);
        const exchange = await proxyApp.inject(
          form({
            grant_type: 'authorization_code',
            code,
            code_verifier: codeVerifier,
            redirect_uri: redirectUri,
            client_id: CONFIDENTIAL_CLIENT_ID,
          }),
        );
        bodies.push(exchange.body);
        expect(exchange.statusCode).toBe(200);
        expect(exchange.headers['cache-control']).toBe('no-store');
        const tokens = exchange.json();
        secrets.push(tokens.access_token, tokens.refresh_token);
        expect(upstream.tokenRequests.at(-1)).toMatchObject({
          grantType: 'authorization_code',
          usedBasicAuth: method === 'client_secret_basic',
        });
        // The token works against the API (audience = the confidential client id).
        const api = await proxyApp.inject({
          url: '/api/sessions',
          headers: bearer(tokens.access_token),
        });
        expect(api.statusCode).toBe(200);

        const refresh = await proxyApp.inject(
          form({
            grant_type: 'refresh_token',
            refresh_token: tokens.refresh_token,
            client_id: CONFIDENTIAL_CLIENT_ID,
          }),
        );
        bodies.push(refresh.body);
        expect(refresh.statusCode).toBe(200);
        secrets.push(refresh.json().access_token, refresh.json().refresh_token);

        // The provider's refusal is relayed with its status.
        const reused = await proxyApp.inject(
          form({
            grant_type: 'authorization_code',
            code,
            code_verifier: codeVerifier,
            redirect_uri: redirectUri,
            client_id: CONFIDENTIAL_CLIENT_ID,
          }),
        );
        bodies.push(reused.body);
        expect(reused.statusCode).toBe(400);
        expect(reused.json().error).toBe('invalid_grant');

        for (const body of bodies) expect(body).not.toContain(upstream.clientSecret);
      } finally {
        if (upstream !== provider) await upstream.close();
      }
    });
  }

  it('refuses requests for another client, redirect URI or grant', async () => {
    const proxyApp = await fixture.app({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CONFIDENTIAL_CLIENT_ID,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
    });
    const base = { client_id: CONFIDENTIAL_CLIENT_ID, code: 'c', code_verifier: 'v' };
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...base, grant_type: 'password' }, /grant_type must be/],
      [
        {
          ...base,
          grant_type: 'authorization_code',
          client_id: 'other',
          redirect_uri: redirectUri,
        },
        /client_id does not match/,
      ],
      [
        { ...base, grant_type: 'authorization_code', redirect_uri: 'https://evil.test/cb' },
        /redirect_uri must be http:\/\/dashboard\.test\/auth\/callback/,
      ],
      [{ client_id: CONFIDENTIAL_CLIENT_ID, grant_type: 'refresh_token' }, /needs refresh_token/],
    ];
    for (const [fields, message] of cases) {
      const res = await proxyApp.inject(form(fields));
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    const json = await proxyApp.inject({ method: 'POST', url: '/auth/token', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });
});
