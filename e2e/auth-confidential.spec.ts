import { expect, test, type Response } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { leakedSecrets, startAuthApp, type AuthApp } from './support/auth-app.ts';
import { recordCredentials, signInAtProvider } from './support/oidc-login.ts';
import {
  ACCOUNTS,
  CONFIDENTIAL_CLIENT_ID,
  startOidcProvider,
  type TestOidcProvider,
} from './support/oidc-provider.ts';
import { sampleManifest } from './support/sample.ts';

// A confidential client (like an Alibaba Cloud OAuth "web app"): the browser runs the same PKCE
// flow, but its token requests go to the server's token proxy, which adds the client secret.
// Nothing the browser receives may contain that secret.

/** Short-lived access tokens: oidc-client-ts renews a minute before expiry, so within seconds. */
const ACCESS_TOKEN_TTL = 62;

let provider: TestOidcProvider;
let dashboard: AuthApp;
const credentials = new Set<string>();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  provider = await startOidcProvider({ accessTokenTtl: ACCESS_TOKEN_TTL });
  dashboard = await startAuthApp({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CONFIDENTIAL_CLIENT_ID,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_SCOPE: 'openid profile',
  });
  provider.allowRedirectUri(`${dashboard.origin}/auth/callback`);
  credentials.add(provider.clientSecret);
});

test.afterAll(async () => {
  await dashboard?.close();
  await provider?.close();
});

interface Seen {
  url: string;
  text: string;
}

/** Every response the browser receives: status line, headers and body, as text. */
function recordResponses(responses: Promise<Seen>[]) {
  return (response: Response) => {
    responses.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders());
        // Redirects and aborted loads have no body to read.
        const body = await response.body().catch(() => Buffer.alloc(0));
        return { url: response.url(), text: `${headers}\n${body.toString('latin1')}` };
      })(),
    );
  };
}

test('login and refresh go through the token proxy; no response carries the client secret', async ({
  page,
}) => {
  test.setTimeout(60_000);
  recordCredentials(page, credentials);
  const responses: Promise<Seen>[] = [];
  page.on('response', recordResponses(responses));
  const tokenPosts: { url: string; grantType: string | null; status: number }[] = [];
  // Read from the response event, synchronously: awaiting `request.response()` in a
  // `requestfinished` handler outlived the page when a renewal ended with the test, and the
  // rejection failed the next test.
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() !== 'POST' || !/\/token$/.test(new URL(request.url()).pathname)) return;
    tokenPosts.push({
      url: request.url(),
      grantType: new URLSearchParams(request.postData() ?? '').get('grant_type'),
      status: response.status(),
    });
  });

  const manifest = sampleManifest();
  const job = manifest.failedRayJob;
  const s = manifest.sessions.find((x) => x.sessionName === job.sessionName)!;
  const link = `${paths.jobLogs(
    { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName },
    job.jobId,
  )}?tab=driver`;
  await page.goto(`${dashboard.origin}${link}`);
  await signInAtProvider(page, provider.issuer, 'alice');
  await expect(page).toHaveURL(`${dashboard.origin}${link}`);
  await expect(page.getByTestId('log-text')).toContainText(job.tracebackLastLine);
  await expect(page.getByRole('banner')).toContainText(ACCOUNTS.alice.name);

  // The renewal a minute before expiry: a refresh-token request, through the proxy as well.
  await expect
    .poll(() => tokenPosts.filter((t) => t.grantType === 'refresh_token' && t.status === 200), {
      timeout: 30_000,
    })
    .not.toHaveLength(0);
  const proxy = `${dashboard.origin}/auth/token`;
  expect(tokenPosts.map((t) => t.url)).toEqual(tokenPosts.map(() => proxy));
  expect(tokenPosts.map((t) => t.grantType)).toContain('authorization_code');
  // The provider saw the confidential client authenticate with its secret on each exchange.
  expect(
    provider.tokenRequests.filter((t) => t.clientId === CONFIDENTIAL_CLIENT_ID || t.usedBasicAuth)
      .length,
  ).toBeGreaterThanOrEqual(2);

  // The page still works with the renewed token.
  await page.reload();
  await expect(page.getByTestId('log-text')).toContainText(job.tracebackLastLine);

  const seen = await Promise.all(responses);
  expect(seen.length).toBeGreaterThan(10);
  const leaking = seen.filter((r) => r.text.includes(provider.clientSecret)).map((r) => r.url);
  expect(leaking).toEqual([]);
});

test('the server logs of the flow carry no token, code or client secret', () => {
  expect(credentials.size).toBeGreaterThan(4);
  const logs = dashboard.logs();
  expect(logs).toContain('/auth/token');
  expect(leakedSecrets(logs, [...credentials])).toEqual([]);
});
