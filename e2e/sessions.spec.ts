import { expect, test } from './support/guarded-test.ts';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { featuredSessions, sampleManifest, sessionUrl } from './support/sample.ts';

const manifest = sampleManifest();

test('the sessions list shows every sample cluster and session', async ({ page }) => {
  await page.goto('/clusters?pageSize=200');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const s of manifest.sessions) {
    const group = page.getByRole('region', {
      name: new RegExp(`${s.namespace}\\s*/.*/ ${s.name}$`),
    });
    await expect(group).toBeVisible();
    await expect(group.getByRole('link', { name: s.sessionName })).toHaveAttribute(
      'href',
      sessionUrl(s),
    );
  }
  await expectAccessibleInBothThemes(page, 'sessions list');
});

test('a filter set in the URL applies on load', async ({ page }) => {
  const serving = featuredSessions(manifest).filter((s) => s.namespace === 'serving');
  expect(serving.length).toBeGreaterThan(0);
  await page.goto('/clusters?namespace=serving');
  await expect(page.getByLabel('Namespace')).toHaveValue('serving');
  for (const s of serving)
    await expect(page.getByRole('link', { name: s.sessionName })).toBeVisible();
  const elsewhere = manifest.sessions.find((s) => s.namespace !== 'serving')!;
  await expect(page.getByRole('link', { name: elsewhere.sessionName })).toHaveCount(0);
});

test('changing a filter writes it to the URL, and back restores the previous list', async ({
  page,
}) => {
  await page.goto('/clusters');
  await page.getByLabel('Kind').selectOption('rayjob');
  await expect(page).toHaveURL(/kind=rayjob/);
  const rayjob = featuredSessions(manifest).find((s) => s.kind === 'rayjob')!;
  await expect(page.getByRole('link', { name: rayjob.sessionName })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Kind')).toHaveValue('rayjob');
  await page.goBack();
  await expect(page.getByLabel('Kind')).toHaveValue('');
});

test('a pasted session overview URL loads directly, with its cluster metadata', async ({
  page,
}) => {
  const s = featuredSessions(manifest)[0]!;
  await page.goto(sessionUrl(s));
  await expect(page.getByText(s.sessionName).first()).toBeVisible();
  await expect(page.getByText(manifest.rayVersion).first()).toBeVisible();
  await expect(page.getByText(manifest.pythonVersion).first()).toBeVisible();
});

test('`latest` resolves to the newest session of a cluster', async ({ page }) => {
  const sessions = featuredSessions(manifest).filter((s) => s.kind === 'raycluster');
  const first = sessions[0]!;
  const newest = sessions
    .filter((s) => s.namespace === first.namespace && s.name === first.name)
    .sort((a, b) => b.startTimeMs - a.startTimeMs)[0]!;
  await page.goto(sessionUrl(first, 'latest'));
  await expect(page.getByText(newest.sessionName).first()).toBeVisible();
});

test.describe('an unknown session', () => {
  // The browser logs the 404 of the session's info as a console error.
  test.use({ expectedConsoleErrors: [/status of 404 \(Not Found\)/] });

  test('shows a clear not-found page; the API answers a JSON 404', async ({ page, request }) => {
    const s = featuredSessions(manifest)[0]!;
    const missing = 'session_2020-01-01_00-00-00_000000_1';
    await page.goto(sessionUrl(s, missing));
    await expect(page.getByRole('heading', { name: /session not found/i })).toBeVisible();
    const response = await request.get(`/api/c/${s.namespace}/${s.kind}/${s.name}/${missing}/info`);
    expect(response.status()).toBe(404);
    expect((await response.json()).message).toContain(missing);
  });
});

test('an unknown URL shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByText(/no page at/i)).toBeVisible();
  await expect(page.getByRole('link', { name: /sessions|clusters/i }).first()).toBeVisible();
});

test('malformed query parameters get a 400 naming the parameter', async ({ request }) => {
  const response = await request.get('/api/sessions?page=zero');
  expect(response.status()).toBe(400);
  expect((await response.json()).message).toMatch(/page/);
});

test('the chosen theme survives a reload', async ({ page }) => {
  await page.goto('/clusters');
  const html = page.locator('html');
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Light' }).click();
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('?theme= forces a theme and ?embed=1 hides the chrome', async ({ page }) => {
  await page.goto('/clusters?theme=dark&embed=1');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('group', { name: 'Theme' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the server sends a strict CSP without inline script', async ({ request }) => {
  const response = await request.get('/clusters', { headers: { accept: 'text/html' } });
  const csp = response.headers()['content-security-policy'] ?? '';
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  expect(directives.get('script-src')).toEqual(["'self'"]);
  // Styles: our files, the response's nonce (the log viewer's terminal), inline attributes only.
  expect(directives.get('style-src')).toEqual(["'self'", expect.stringMatching(/^'nonce-.+'$/)]);
  expect(directives.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  expect(csp.replace("style-src-attr 'unsafe-inline'", '')).not.toContain('unsafe-inline');
  expect(csp).toContain('frame-ancestors');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});
