import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, type AccountName } from './oidc-provider.ts';

// Drives the test provider's own login and consent pages, as a user would.

export async function signInAtProvider(page: Page, issuer: string, user: AccountName = 'alice') {
  const account = ACCOUNTS[user];
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await page.getByLabel('Username').fill(account.sub);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Authorize access' })).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();
}

/** Tokens, codes and states the browser saw during a login, for the leak checks. */
export function recordCredentials(page: Page, seen: Set<string>): void {
  page.on('request', (request) => {
    const url = new URL(request.url());
    for (const name of ['code', 'state', 'code_verifier'])
      for (const value of url.searchParams.getAll(name)) seen.add(value);
    const body = request.postData();
    if (body && request.method() === 'POST' && /\/token$/.test(url.pathname)) {
      const form = new URLSearchParams(body);
      for (const name of ['code', 'code_verifier', 'refresh_token'])
        for (const value of form.getAll(name)) seen.add(value);
    }
  });
  page.on('response', async (response) => {
    if (!/\/token$/.test(new URL(response.url()).pathname) || !response.ok()) return;
    const tokens = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    for (const name of ['access_token', 'refresh_token', 'id_token'])
      if (typeof tokens[name] === 'string') seen.add(tokens[name]);
  });
}
