import { randomBytes } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { leakedSecrets, startAuthApp, type AuthApp } from './support/auth-app.ts';

// Token mode: the shared token is typed once, traded for an HttpOnly cookie, and the cookie
// keeps the session across reloads.

const TOKEN = randomBytes(24).toString('base64url');
let dashboard: AuthApp;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dashboard = await startAuthApp({ AUTH_MODE: 'token', AUTH_TOKEN: TOKEN });
});

test.afterAll(async () => {
  await dashboard?.close();
});

test('the dialog rejects a wrong token, accepts the right one, and a reload keeps the session', async ({
  page,
}) => {
  await page.goto(`${dashboard.origin}/clusters?kind=rayjob`);
  const dialog = page.getByRole('dialog', { name: 'Authentication token required' });
  await expect(dialog).toBeVisible();
  const field = dialog.getByLabel('Token');
  await expect(field).toBeFocused();
  const scan = await new AxeBuilder({ page }).analyze();
  const bad = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

  await field.fill('not-the-token');
  await field.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(/not accepted/);

  await field.fill(TOKEN);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(`${dashboard.origin}/clusters?kind=rayjob`);
  // The session is an HttpOnly cookie the page's scripts cannot read.
  const cookies = await page.context().cookies(dashboard.origin);
  expect(cookies.length).toBeGreaterThan(0);
  expect(cookies.every((c) => c.httpOnly && c.sameSite === 'Strict')).toBe(true);
  expect(await page.evaluate('document.cookie')).toBe('');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(dialog).toContainText('You signed out.');
  await page.reload();
  await expect(dialog).toBeVisible();
});

test('the server logs carry no trace of the token', () => {
  const logs = dashboard.logs();
  expect(logs).toContain('/api/authenticate');
  expect(leakedSecrets(logs, [TOKEN])).toEqual([]);
  expect(logs).not.toContain('not-the-token');
});
