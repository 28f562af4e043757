import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { server } from '../../../mocks/server';
import { apiGet, setApiAuth } from '../../lib/api-client';
import { apiAuthOf } from '../login-session';
import { OidcController } from './oidc-controller';
import { createUserManager, loginStorage } from './user-manager';
import type { OidcSettings } from './user-manager';

// The OIDC flow with the real oidc-client-ts UserManager; the provider's endpoints are MSW.

const ISSUER = 'https://idp.test';
const deepLink = '/c/ml/rayjob/train/latest/jobs/02000000/logs?tab=driver#L3-L5';

function settings(overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer: ISSUER,
    clientId: 'dashboard',
    scope: 'openid profile',
    redirectUri: `${window.location.origin}/auth/callback`,
    ...overrides,
  };
}

const b64url = (value: object) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** An ID token as oidc-client-ts reads it (it checks claims, the server checks signatures). */
function idToken(claims: Record<string, unknown>) {
  return `${b64url({ alg: 'RS256' })}.${b64url({ iss: ISSUER, aud: 'dashboard', ...claims })}.sig`;
}

interface TokenRequest {
  url: string;
  body: URLSearchParams;
}

function provider(tokenRequests: TokenRequest[], tokenEndpoint = `${ISSUER}/token`) {
  let issued = 0;
  return [
    http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
      }),
    ),
    http.post(tokenEndpoint, async ({ request }) => {
      const body = new URLSearchParams(await request.text());
      tokenRequests.push({ url: request.url, body });
      issued += 1;
      const nonce = body.get('grant_type') === 'authorization_code' ? storedNonce() : undefined;
      return HttpResponse.json({
        access_token: `access-${issued}`,
        refresh_token: `refresh-${issued}`,
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken({ sub: 'u-42', name: 'Ada Lovelace', nonce }),
      });
    }),
  ];
}

function storedNonce(): string | undefined {
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i)!;
    const value = JSON.parse(sessionStorage.getItem(key)!) as { nonce?: string };
    if (value.nonce) return value.nonce;
  }
  return undefined;
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** The id of the login state the app stored before leaving for the provider. */
async function storedStateId(): Promise<string> {
  await until(() => sessionStorage.length > 0);
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i)!;
    const value = JSON.parse(sessionStorage.getItem(key)!) as {
      request_type?: string;
      id?: string;
    };
    if (value.request_type === 'si:r' && value.id) return value.id;
  }
  throw new Error('no stored login state');
}

function meAnswering(seen: (string | null)[]) {
  return http.get('*/api/auth/me', ({ request }) => {
    const authorization = request.headers.get('authorization');
    seen.push(authorization);
    return authorization?.startsWith('Bearer access-')
      ? HttpResponse.json({ mode: 'oidc', user: { id: 'u-42', name: 'Ada (server)' } })
      : HttpResponse.json({ message: 'Login required' }, { status: 401 });
  });
}

function page(path: string) {
  window.history.replaceState(null, '', path);
}

function controller(oidc = settings(), framed = false) {
  return new OidcController({
    manager: createUserManager(oidc, '', sessionStorage),
    storage: sessionStorage,
    basePath: '',
    framed,
    parentOrigins: [],
  });
}

/** Loads the deep link logged out (the app leaves for the provider), then comes back with a code. */
async function logInThroughCallback(oidc = settings()) {
  page(deepLink);
  const first = controller(oidc);
  await first.start();
  expect(first.view()).toEqual({ status: 'redirecting' });
  const state = await storedStateId();
  page(`/auth/callback?code=the-code&state=${state}&iss=${encodeURIComponent(ISSUER)}`);
  const second = controller(oidc);
  await second.start();
  return second;
}

beforeEach(() => sessionStorage.clear());
afterEach(() => setApiAuth(null));

describe('OIDC sign-in through the redirect', () => {
  it('exchanges the code (PKCE), cleans the URL and lands on the exact deep link', async () => {
    const tokens: TokenRequest[] = [];
    const me: (string | null)[] = [];
    server.use(...provider(tokens), meAnswering(me));

    const signedIn = await logInThroughCallback();

    expect(window.location.pathname + window.location.search + window.location.hash).toBe(deepLink);
    expect(window.location.href).not.toContain('the-code');
    expect(signedIn.view()).toEqual({ status: 'ready', user: { name: 'Ada (server)' } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.url).toBe(`${ISSUER}/token`);
    expect(tokens[0]!.body.get('code')).toBe('the-code');
    expect(tokens[0]!.body.get('code_verifier')).toMatch(/^[\w-]{43,}$/);
    expect(tokens[0]!.body.has('client_secret')).toBe(false);
    expect(me).toEqual(['Bearer access-1']);
    // Tokens live in sessionStorage only.
    expect(localStorage.length).toBe(0);
    expect(JSON.stringify({ ...sessionStorage })).toContain('access-1');
  });

  it('sends the code exchange to the server token proxy for a confidential client', async () => {
    const tokens: TokenRequest[] = [];
    const proxy = `${window.location.origin}/auth/token`;
    server.use(...provider(tokens, proxy), meAnswering([]));
    const signedIn = await logInThroughCallback(settings({ tokenProxy: '/auth/token' }));
    expect(signedIn.view().status).toBe('ready');
    expect(tokens.map((t) => t.url)).toEqual([proxy]);
  });

  it('refuses to return anywhere but into the app, whatever the stored state says', async () => {
    server.use(...provider([]), meAnswering([]));
    page('/clusters');
    await controller().start();
    const id = await storedStateId();
    const stored = JSON.parse(sessionStorage.getItem(`oidc.${id}`)!) as { data: unknown };
    stored.data = { returnTo: 'https://evil.example/phish' };
    sessionStorage.setItem(`oidc.${id}`, JSON.stringify(stored));
    page(`/auth/callback?code=c&state=${id}`);
    await controller().start();
    expect(window.location.pathname + window.location.search).toBe('/');
  });

  it('shows the provider error and does not loop back to the provider', async () => {
    server.use(...provider([]), meAnswering([]));
    page('/clusters');
    await controller().start();
    const id = await storedStateId();
    page(`/auth/callback?error=access_denied&error_description=User%20cancelled&state=${id}`);
    const c = controller();
    await c.start();
    expect(c.view()).toEqual({ status: 'failed', message: 'User cancelled' });
    expect(window.location.search).toBe('');
  });
});

describe('a 401 mid-session', () => {
  it('renews with the refresh token once and retries the request', async () => {
    const tokens: TokenRequest[] = [];
    const data: (string | null)[] = [];
    server.use(
      ...provider(tokens),
      meAnswering([]),
      http.get('*/api/sessions', ({ request }) => {
        const authorization = request.headers.get('authorization');
        data.push(authorization);
        return authorization === 'Bearer access-2'
          ? HttpResponse.json({ ok: true })
          : HttpResponse.json({ message: 'The access token has expired' }, { status: 401 });
      }),
    );
    const c = await logInThroughCallback();
    setApiAuth(apiAuthOf(c));

    // Two requests fail together; one refresh serves both.
    const answers = await Promise.all([apiGet('/api/sessions'), apiGet('/api/sessions')]);

    expect(answers).toEqual([{ ok: true }, { ok: true }]);
    expect(tokens.map((t) => t.body.get('grant_type'))).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
    expect(tokens[1]!.body.get('refresh_token')).toBe('refresh-1');
    expect(data).toEqual([
      'Bearer access-1',
      'Bearer access-1',
      'Bearer access-2',
      'Bearer access-2',
    ]);
  });

  it('inside a frame, asks to sign in again over the page when the refresh fails', async () => {
    server.use(
      ...provider([]),
      meAnswering([]),
      http.get('*/api/sessions', () =>
        HttpResponse.json({ message: 'The access token has expired' }, { status: 401 }),
      ),
    );
    const c = await logInThroughCallback();
    // The provider no longer honours the refresh token.
    server.use(
      http.post(`${ISSUER}/token`, () =>
        HttpResponse.json({ error: 'invalid_grant' }, { status: 400 }),
      ),
    );
    const framed = new OidcController({
      manager: createUserManager(settings(), '', sessionStorage),
      storage: sessionStorage,
      basePath: '',
      framed: true,
      parentOrigins: [],
    });
    await framed.start();
    expect(framed.view().status).toBe('ready');
    expect(c.view().status).toBe('ready');
    setApiAuth(apiAuthOf(framed));
    const pending = apiGet('/api/sessions');
    await until(() => framed.view().status === 'sign-in');
    expect(framed.view()).toMatchObject({ status: 'sign-in', resume: true });
    void pending.catch(() => undefined);
  });
});

describe('signing out', () => {
  it('keeps a renewal that was in flight from putting the tokens back', async () => {
    const grants: (string | null)[] = [];
    let answerRenewal = () => {};
    const renewalHeld = new Promise<void>((resolve) => (answerRenewal = resolve));
    server.use(
      provider([])[0]!,
      http.post(`${ISSUER}/token`, async ({ request }) => {
        const grant = new URLSearchParams(await request.text()).get('grant_type');
        grants.push(grant);
        if (grant === 'refresh_token') await renewalHeld;
        const nonce = grant === 'authorization_code' ? storedNonce() : undefined;
        return HttpResponse.json({
          access_token: `access-${grants.length}`,
          refresh_token: `refresh-${grants.length}`,
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken({ sub: 'u-42', name: 'Ada Lovelace', nonce }),
        });
      }),
      meAnswering([]),
    );
    await logInThroughCallback();
    const manager = createUserManager(settings(), '', sessionStorage);
    const c = new OidcController({
      manager,
      storage: sessionStorage,
      basePath: '',
      framed: false,
      parentOrigins: [],
    });
    await c.start();
    const storedUser = () => Object.keys(sessionStorage).some((k) => k.startsWith('oidc.user'));
    expect(storedUser()).toBe(true);

    // What the automatic renewal does shortly before the tokens expire.
    const renewal = manager.signinSilent();
    await until(() => grants.includes('refresh_token'));
    await c.signOut();
    expect(storedUser()).toBe(false);
    answerRenewal();
    await renewal;

    await until(() => !storedUser());
    expect(c.view()).toMatchObject({ status: 'sign-in', signedOut: true });
  });
});

describe('loginStorage', () => {
  it('is the tab storage, or memory where the browser denies it (third-party frames)', () => {
    expect(loginStorage(window)).toBe(window.sessionStorage);
    const denied = Object.defineProperty({}, 'sessionStorage', {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    }) as Window;
    const memory = loginStorage(denied);
    memory.setItem('k', 'v');
    expect(memory.getItem('k')).toBe('v');
    expect(window.sessionStorage.getItem('k')).toBeNull();
  });
});
