import { expect, test } from '@playwright/test';
import { paths } from '../src/config/paths.ts';
import { startAuthApp, type AuthApp } from './support/auth-app.ts';
import { startParentPage, type ParentPage } from './support/parent-page.ts';
import { sampleManifest } from './support/sample.ts';

// A console page on another site (127.0.0.2) frames the dashboard. FRAME_ANCESTORS decides who
// may; the dashboard tells an allowed parent about every route change.

let allowed: ParentPage;
let stranger: ParentPage;
let dashboard: AuthApp;

test.beforeAll(async () => {
  allowed = await startParentPage('127.0.0.2');
  stranger = await startParentPage('127.0.0.2');
  dashboard = await startAuthApp({
    FRAME_ANCESTORS: `'self' ${allowed.origin}`,
    EMBED_PARENT_ORIGINS: allowed.origin,
  });
});

test.afterAll(async () => {
  await dashboard?.close();
  await allowed?.close();
  await stranger?.close();
});

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
