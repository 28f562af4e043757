import { expect, test } from './support/guarded-test.ts';
import type { Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { sampleManifest } from './support/sample.ts';

// Independent tests: both workers share this long file, so the suite's end stays balanced.
test.describe.configure({ mode: 'parallel' });

const manifest = sampleManifest();

function scopeOf(sessionName: string) {
  const s = manifest.sessions.find((x) => x.sessionName === sessionName)!;
  return { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
}

/** Node folder and path under logs/ of a storage key `<session dir><node>/logs/<path>`. */
function nodeAndFile(key: string): { nodeId: string; file: string } {
  const m = /([^/]+)\/logs\/(.+)$/.exec(key)!;
  return { nodeId: m[1]!, file: m[2]! };
}

const logText = (page: Page) => page.getByTestId('log-text');

test("the failed RayJob's driver log deep link shows the traceback in red", async ({ page }) => {
  const job = manifest.failedRayJob;
  await page.goto(paths.jobLogs(scopeOf(job.sessionName), job.jobId));
  await expect(logText(page)).toContainText(job.tracebackLastLine);
  // xterm's DOM renderer paints ANSI red (palette 1) with the class xterm-fg-1.
  await expect(page.locator('.xterm-rows span.xterm-fg-1').first()).toBeVisible();
});

test('a line-range permalink highlights its lines after reload', async ({ page }) => {
  const job = manifest.failedRayJob;
  const scope = scopeOf(job.sessionName);
  const { nodeId, file } = nodeAndFile(job.driverLogKey);
  await page.goto(paths.logFile(scope, nodeId, file, [2, 4]));
  const status = page.getByTestId('highlighted-lines');
  await expect(status).toHaveText(/Lines 2–4 highlighted/);
  await page.reload();
  await expect(status).toHaveAttribute('data-from', '2');
  await expect(status).toHaveAttribute('data-to', '4');
  await expect(page).toHaveURL(/#L2-L4$/);
});

test('session search finds the dead-node marker and opens that file at that line', async ({
  page,
}) => {
  const marker = manifest.deadNodeMarker;
  const scope = scopeOf(marker.sessionName);
  await page.goto(paths.search(scope, marker.text));
  const hit = page.getByRole('link', { name: /line \d+$/ }).first();
  await expect(hit).toBeVisible({ timeout: 20_000 });
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/logs/${marker.nodeId}/.+#L\\d+$`));
  await expect(page.getByTestId('highlighted-lines')).toBeVisible();
  await expect(logText(page)).toContainText(marker.text);
});

test('"load earlier" on a multi-megabyte log reaches the first line', async ({ page }) => {
  test.setTimeout(90_000);
  const large = manifest.largeLog!;
  const session = manifest.sessions.find((s) => large.key.startsWith(s.dir))!;
  const { nodeId, file } = nodeAndFile(large.key);
  await page.goto(paths.logFile(scopeOf(session.sessionName), nodeId, file));
  const status = page.locator('[data-first-line]');
  await expect(status).toHaveAttribute('data-first-line', '');
  const button = page.getByRole('button', { name: /Load earlier|Start of file|Loading/ });
  for (let i = 0; i < 40; i += 1) {
    if ((await status.getAttribute('data-first-line')) === '1') break;
    await expect(button).toHaveText(/Load earlier|Start of file/);
    if ((await button.textContent()) === 'Load earlier') await button.click();
  }
  await expect(status).toHaveAttribute('data-first-line', '1');
  await expect(page.getByRole('button', { name: 'Start of file' })).toBeDisabled();
});
