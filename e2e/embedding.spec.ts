import { expect, test, type Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { startAuthApp, type AuthApp } from './support/auth-app.ts';
import { signInAtProvider } from './support/oidc-login.ts';
import {
  SPA_CLIENT_ID,
  startOidcProvider,
  type TestOidcProvider,
} from './support/oidc-provider.ts';
import { startParentPage, type ParentPage } from './support/parent-page.ts';
import { sampleManifest } from './support/sample.ts';

// A console page on another site (127.0.0.2) frames the dashboard. FRAME_ANCESTORS decides who
// may; the dashboard tells an allowed parent about every route change.

let allowed: ParentPage;
let stranger: ParentPage;
let dashboard: AuthApp;
let provider: TestOidcProvider;
let oidcDashboard: AuthApp;

test.beforeAll(async () => {
  allowed = await startParentPage('127.0.0.2');
  stranger = await startParentPage('127.0.0.2');
  dashboard = await startAuthApp({ FRAME_ANCESTORS: `'self' ${allowed.origin}` });
  provider = await startOidcProvider();
  oidcDashboard = await startAuthApp({
    FRAME_ANCESTORS: `'self' ${allowed.origin}`,
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: SPA_CLIENT_ID,
    OIDC_SCOPE: 'openid profile',
  });
  provider.allowRedirectUri(`${oidcDashboard.origin}/auth/callback`);
});

test.afterAll(async () => {
  await dashboard?.close();
  await oidcDashboard?.close();
  await provider?.close();
  await allowed?.close();
  await stranger?.close();
});

interface Received {
  origin: string;
  data: { type: string; path?: string; search?: string; hash?: string };
}

const received = (page: Page) => page.evaluate('window.received') as Promise<Received[]>;

function failedJobLogs() {
  const job = sampleManifest().failedRayJob;
  const s = sampleManifest().sessions.find((x) => x.sessionName === job.sessionName)!;
  const scope = { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
  return { job, scope, path: paths.jobLogs(scope, job.jobId) };
}

test('an allowed origin frames the chrome-less view', async ({ page }) => {
  await page.goto(allowed.url(`${dashboard.origin}/clusters?embed=1`));
  const frame = page.frameLocator('#dashboard');
  await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
  // ?embed=1: no top navigation inside the console.
  await expect(frame.getByRole('banner')).toHaveCount(0);
});

test('any other origin is refused by CSP frame-ancestors', async ({ page }) => {
  const refused = page.waitForEvent(
    'console',
    (m) => m.type() === 'error' && /frame-ancestors/.test(m.text()),
  );
  const framed = page.waitForResponse((r) => r.url().startsWith(dashboard.origin));
  await page.goto(stranger.url(`${dashboard.origin}/clusters?embed=1`));
  const response = await framed;
  expect(response.headers()['content-security-policy']).toContain(
    `frame-ancestors 'self' ${allowed.origin}`,
  );
  await refused;
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
  expect(await frame.locator('#root').count()).toBe(0);
});

test('the parent hears about every route change, from the dashboard origin only', async ({
  page,
}) => {
  await page.goto(allowed.url(`${dashboard.origin}/clusters?embed=1`));
  const frame = page.frameLocator('#dashboard');
  const first = sampleManifest().sessions[0]!;
  await frame.getByRole('link', { name: first.sessionName }).first().click();
  await expect
    .poll(async () => (await received(page)).map((m) => m.data.path))
    .toContain(`/c/${first.namespace}/${first.kind}/${first.name}/${first.sessionName}`);
  const messages = await received(page);
  expect(messages[0]!.data).toEqual({
    type: 'ray-history:route',
    path: '/clusters',
    search: '?embed=1',
    hash: '',
  });
  expect(messages.every((m) => m.origin === dashboard.origin)).toBe(true);
});

test('inside the frame, login opens the provider in a popup and the frame shows the deep link', async ({
  page,
}) => {
  const { job, path } = failedJobLogs();
  await page.goto(allowed.url(`${oidcDashboard.origin}${path}?embed=1`));
  const frame = page.frameLocator('#dashboard');
  const signIn = frame.getByRole('dialog', { name: 'Sign in to the Ray History Dashboard' });
  await expect(signIn).toBeVisible();
  // No top-level redirect happened: the console page is still the top document.
  expect(page.url()).toContain(allowed.origin);

  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    signIn.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await signInAtProvider(popup, provider.issuer, 'alice');
  await popup.waitForEvent('close');

  await expect(frame.getByTestId('log-text')).toContainText(job.tracebackLastLine);
  expect(page.url()).toContain(allowed.origin);
});

test('a token handed over by the parent signs the frame in without any login page', async ({
  page,
}) => {
  const { job, path } = failedJobLogs();
  const tokens = await provider.mint({ user: 'alice' });
  await page.goto(allowed.url(`${oidcDashboard.origin}${path}?embed=1`));
  await page.evaluate(
    ([accessToken, expiresAt]) =>
      (globalThis as unknown as { setToken: (t: unknown) => void }).setToken({
        accessToken,
        expiresAt,
      }),
    [tokens.access_token, Date.now() + tokens.expires_in * 1000] as const,
  );
  const frame = page.frameLocator('#dashboard');
  await expect(frame.getByTestId('log-text')).toContainText(job.tracebackLastLine);
  await expect(frame.getByRole('dialog')).toHaveCount(0);
  const requests = (await received(page)).filter(
    (m) => m.data.type === 'ray-history:token-request',
  );
  expect(requests.length).toBeGreaterThan(0);
});
