import { expect, test } from '@playwright/test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startAuthApp, type AuthApp } from './support/auth-app.ts';
import { signInAtProvider } from './support/oidc-login.ts';
import {
  ACCOUNTS,
  ALIBABA,
  CONFIDENTIAL_CLIENT_ID,
  startOidcProvider,
  type TestOidcProvider,
} from './support/oidc-provider.ts';

// The Alibaba Cloud OAuth app as Alibaba publishes it: a confidential "web app" whose provider
// names no userinfo_endpoint and no end_session_endpoint, issues RS256 ID tokens with `aliuid`
// and opaque access tokens (for Alibaba Cloud's own APIs). The dashboard learns the user from
// UserInfo at /v1/userinfo, matches ALLOWED_USERS on aliuid, refreshes through its token proxy
// (which adds the secret) and signs out locally.

/** oidc-client-ts renews a minute before expiry: within seconds. */
const ACCESS_TOKEN_TTL = 62;

let provider: TestOidcProvider;
let dashboard: AuthApp;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  provider = await startOidcProvider({
    profile: 'alibaba',
    accessTokenTtl: ACCESS_TOKEN_TTL,
    clientAuthMethod: 'client_secret_post',
  });
  // The settings of README.md, "Alibaba Cloud OAuth app".
  dashboard = await startAuthApp({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CONFIDENTIAL_CLIENT_ID,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_SCOPE: 'openid aliuid profile',
    OIDC_USER_CLAIM: 'aliuid',
    ALLOWED_USERS: ACCOUNTS.alice.aliuid,
    OIDC_USERINFO_ENDPOINT: `${provider.issuer}${ALIBABA.routes.userinfo}`,
    OIDC_TOKEN_AUTH_METHOD: 'client_secret_post',
  });
  provider.allowRedirectUri(`${dashboard.origin}/auth/callback`);
});

test.afterAll(async () => {
  await dashboard?.close();
  await provider?.close();
});

test('the provider publishes what Alibaba publishes', async () => {
  const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
  const discovery = (await response.json()) as Record<string, unknown>;
  expect(discovery).not.toHaveProperty('userinfo_endpoint');
  expect(discovery).not.toHaveProperty('end_session_endpoint');
  expect(discovery).toMatchObject({
    issuer: provider.issuer,
    authorization_endpoint: `${provider.issuer}${ALIBABA.routes.authorization}`,
    token_endpoint: `${provider.issuer}${ALIBABA.routes.token}`,
    revocation_endpoint: `${provider.issuer}${ALIBABA.routes.revocation}`,
    jwks_uri: `${provider.issuer}${ALIBABA.routes.jwks}`,
    scopes_supported: ['openid', 'aliuid', 'profile'],
    code_challenge_methods_supported: ['plain', 'S256'],
  });
  expect(discovery.id_token_signing_alg_values_supported).toContain('RS256');
  const config = (await (await fetch(`${dashboard.origin}/config.json`)).json()) as {
    auth: { oidc: { redirectUri: string; scope: string; tokenProxy: string } };
  };
  expect(config.auth.oidc).toMatchObject({
    redirectUri: `${dashboard.origin}/auth/callback`,
    scope: 'openid aliuid profile',
    tokenProxy: '/auth/token',
  });
});

test('the web app signs in, refreshes and signs out without an end-session endpoint', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const exchanges: { grantType: string | null; tokens: Record<string, string> }[] = [];
  page.on('requestfinished', async (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/auth/token') return;
    const response = await request.response();
    exchanges.push({
      grantType: new URLSearchParams(request.postData() ?? '').get('grant_type'),
      tokens: response?.ok() ? ((await response.json()) as Record<string, string>) : {},
    });
  });

  await page.goto(`${dashboard.origin}/clusters`);
  await signInAtProvider(page, provider.issuer, 'alice');
  await expect(page.getByRole('banner')).toContainText(ACCOUNTS.alice.name);
  await expect(page.getByRole('heading', { name: 'Access denied' })).toHaveCount(0);

  // Alibaba's tokens: an RS256 ID token carrying aliuid, an access token the dashboard cannot read.
  const first = exchanges.find((e) => e.grantType === 'authorization_code')!;
  expect(decodeProtectedHeader(first.tokens.id_token!).alg).toBe('RS256');
  expect(decodeJwt(first.tokens.id_token!)).toMatchObject({ aliuid: ACCOUNTS.alice.aliuid });
  expect(first.tokens.access_token!.split('.')).not.toHaveLength(3);
  // So the server asked UserInfo who it is, and the secret went in the token request's body.
  expect(provider.hits(ALIBABA.routes.userinfo)).toBeGreaterThan(0);
  expect(provider.tokenRequests).toContainEqual({
    grantType: 'authorization_code',
    clientId: CONFIDENTIAL_CLIENT_ID,
    usedBasicAuth: false,
  });

  await expect
    .poll(() => exchanges.filter((e) => e.grantType === 'refresh_token' && e.tokens.access_token), {
      timeout: 30_000,
    })
    .not.toHaveLength(0);
  await page.reload();
  await expect(page.getByRole('banner')).toContainText(ACCOUNTS.alice.name);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('dialog', { name: 'You are signed out' })).toBeVisible();
  // Signed out here, at the dashboard: there is no provider page to go to.
  expect(new URL(page.url()).origin).toBe(dashboard.origin);
  expect(await page.evaluate("Object.keys(sessionStorage).join(',')")).not.toMatch(/oidc\.user/);
  expect(await page.evaluate("fetch('/api/sessions').then((r) => r.status)")).toBe(401);
});

test('a user whose aliuid is not in ALLOWED_USERS is denied', async ({ page }) => {
  await page.goto(`${dashboard.origin}/clusters`);
  await signInAtProvider(page, provider.issuer, 'mallory');
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(ACCOUNTS.mallory.aliuid);
});
