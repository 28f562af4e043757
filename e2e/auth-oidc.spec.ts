import { expect, test } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { leakedSecrets, startAuthApp, type AuthApp } from './support/auth-app.ts';
import {
  ACCOUNTS,
  OTHER_RESOURCE,
  SPA_CLIENT_ID,
  startOidcProvider,
  type TestOidcProvider,
} from './support/oidc-provider.ts';
import { recordCredentials, signInAtProvider } from './support/oidc-login.ts';
import { sampleManifest } from './support/sample.ts';

// Login with a real OpenID provider (oidc-provider on loopback): a public client with PKCE, the
// server verifying every API call, ALLOWED_USERS, and logout.

let provider: TestOidcProvider;
let dashboard: AuthApp;
const credentials = new Set<string>();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  provider = await startOidcProvider();
  dashboard = await startAuthApp({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: SPA_CLIENT_ID,
    OIDC_SCOPE: 'openid profile',
    OIDC_USER_CLAIM: 'sub',
    ALLOWED_USERS: ACCOUNTS.alice.sub,
    // No allowance, so the expired-token check does not wait half a minute.
    OIDC_CLOCK_TOLERANCE_SECONDS: '0',
  });
  provider.allowRedirectUri(`${dashboard.origin}/auth/callback`);
});

test.afterAll(async () => {
  await dashboard?.close();
  await provider?.close();
});

function driverLogDeepLink() {
  const manifest = sampleManifest();
  const job = manifest.failedRayJob;
  const s = manifest.sessions.find((x) => x.sessionName === job.sessionName)!;
  const scope = { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
  return { job, link: `${paths.jobLogs(scope, job.jobId)}?tab=driver#L2-L4` };
}

test('a logged-out deep link goes through login and consent and lands on that deep link', async ({
  page,
}) => {
  recordCredentials(page, credentials);
  const { job, link } = driverLogDeepLink();
  await page.goto(`${dashboard.origin}${link}`);
  await signInAtProvider(page, provider.issuer, 'alice');

  await expect(page).toHaveURL(`${dashboard.origin}${link}`);
  await expect(page.getByTestId('log-text')).toContainText(job.tracebackLastLine);
  await expect(page.getByTestId('highlighted-lines')).toHaveAttribute('data-from', '2');
  await expect(page.getByRole('banner')).toContainText(ACCOUNTS.alice.name);
  // Tokens stay in sessionStorage, never localStorage.
  expect(await page.evaluate('localStorage.length')).toBe(0);
});

test('the API refuses a missing, expired or wrong-audience token with 401', async ({ request }) => {
  const api = `${dashboard.origin}/api/sessions`;
  const missing = await request.get(api);
  expect(missing.status()).toBe(401);
  expect(missing.headers()['www-authenticate']).toMatch(/^Bearer\b/);
  expect((await missing.json()) as { message: string }).toHaveProperty('message');

  const expired = await provider.mint({ user: 'alice', ttl: 1 });
  const wrongAudience = await provider.mint({ user: 'alice', resource: OTHER_RESOURCE });
  const good = await provider.mint({ user: 'alice' });
  for (const t of [expired, wrongAudience, good]) credentials.add(t.access_token);

  const ok = await request.get(api, { headers: { authorization: `Bearer ${good.access_token}` } });
  expect(ok.status()).toBe(200);

  const wrong = await request.get(api, {
    headers: { authorization: `Bearer ${wrongAudience.access_token}` },
  });
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()['www-authenticate']).toMatch(/^Bearer\b.*invalid_token/);

  // Past its one-second lifetime.
  await expect
    .poll(
      async () =>
        (
          await request.get(api, { headers: { authorization: `Bearer ${expired.access_token}` } })
        ).status(),
      { timeout: 10_000, intervals: [1000] },
    )
    .toBe(401);
});

test('a user outside ALLOWED_USERS sees the access-denied page with the reason', async ({
  page,
}) => {
  recordCredentials(page, credentials);
  await page.goto(`${dashboard.origin}/clusters`);
  await signInAtProvider(page, provider.issuer, 'mallory');
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await expect(page.getByRole('alert')).not.toBeEmpty();
});

test('logout ends the session: the next visit needs a login again', async ({ page }) => {
  recordCredentials(page, credentials);
  await page.goto(`${dashboard.origin}/clusters`);
  await signInAtProvider(page, provider.issuer, 'alice');
  await expect(page.getByRole('banner')).toContainText(ACCOUNTS.alice.name);

  await page.getByRole('button', { name: 'Sign out' }).click();
  // The provider's own end-session confirmation, then back to the dashboard. `isVisible` does not
  // wait: asked before the provider's page had loaded, it skipped the confirmation, and the test
  // waited for a dialog that could not come. Wait for either page first.
  const confirm = page.getByRole('button', { name: /yes|sign me out/i });
  const signedOut = page.getByRole('dialog', { name: 'You are signed out' });
  await expect(confirm.or(signedOut)).toBeVisible();
  if (await confirm.isVisible()) await confirm.click();
  await expect(signedOut).toBeVisible();
  expect(await page.evaluate("Object.keys(sessionStorage).join(',')")).not.toMatch(/oidc\.user/);
  const status = await page.evaluate("fetch('/api/sessions').then((r) => r.status)");
  expect(status).toBe(401);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
});

test('the server logs of these flows carry no token, code or secret', () => {
  expect(credentials.size).toBeGreaterThan(5);
  const logs = dashboard.logs();
  expect(logs.length).toBeGreaterThan(0);
  expect(leakedSecrets(logs, [...credentials])).toEqual([]);
});
