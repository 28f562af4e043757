import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Accessibility scans, run on pages a test has already loaded and checked, rather than loading
// each page again for axe alone. Light theme: every rule. Then the theme switch flips the same
// page to dark, which changes colours only, so dark needs colour contrast alone (the costliest
// rule, but one instead of all).

type Theme = 'light' | 'dark';

/** Added to the test's timeout per call: two scans of a big table can take a while on 2 cores. */
const SCANS_MS = 30_000;

async function expectNoSerious(builder: AxeBuilder, where: string): Promise<void> {
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id} ${v.help} (${String(v.nodes[0]?.target)})`)).toEqual([]);
}

async function switchTheme(page: Page, theme: Theme): Promise<void> {
  const label = theme === 'dark' ? 'Dark' : 'Light';
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: label }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/**
 * No serious or critical axe violation on the page as it is now, in the light theme and (after
 * switching it in place) the dark one. Once per page: the `chromium-s3` project, which renders
 * the same pages from another storage backend, sets `metadata.axe: false` and skips these.
 */
export async function expectAccessibleInBothThemes(page: Page, where: string): Promise<void> {
  if (test.info().project.metadata.axe === false) return;
  test.setTimeout(test.info().timeout + SCANS_MS);
  // Nothing still loading: a skeleton would be scanned instead of the page.
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await switchTheme(page, 'light');
  await expectNoSerious(new AxeBuilder({ page }), `${where} (light)`);
  await switchTheme(page, 'dark');
  await expectNoSerious(new AxeBuilder({ page }).withRules(['color-contrast']), `${where} (dark)`);
}
