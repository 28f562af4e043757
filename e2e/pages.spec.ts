import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { featuredSessions, sampleManifest } from './support/sample.ts';

// What a person sees on the job, sessions and table pages: the way from the sessions list to a
// failure's cause, pages that fit the window, and no broken frame for an unreachable Grafana.

// Independent tests: both workers share this long file, so the suite's end stays balanced.
test.describe.configure({ mode: 'parallel' });

const manifest = sampleManifest();
const failed = manifest.failedRayJob;
const scopeOf = (sessionName: string) => {
  const s = manifest.sessions.find((x) => x.sessionName === sessionName)!;
  return { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
};
const failedScope = scopeOf(failed.sessionName);

test('a failed submission job: two clicks from the sessions list to its exception, three to the failing task’s log lines', async ({
  page,
}) => {
  await page.goto(paths.clusters());
  const group = page.getByRole('region', { name: `ml-team / RayJob / ${failed.rayJobName}` });
  // The outcome is computed in the background on a cold server; the list asks again.
  const failedJobs = group.getByRole('link', { name: '1 failed job: open' });
  await expect(failedJobs).toBeVisible({ timeout: 20_000 });

  await failedJobs.click(); // 1
  await page.getByRole('link', { name: failed.jobId, exact: true }).click(); // 2
  const exception = page.getByLabel('Exception');
  await expect(exception).toHaveText(failed.tracebackLastLine);
  // Shown as it was printed, first in the failure panel, not a flattened paragraph.
  expect(
    await exception.evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).whiteSpace),
  ).toBe('pre-wrap');

  await page.getByRole('link', { name: 'its stderr lines' }).click(); // 3
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f]+\/logs\?attempt=\d+&tab=err$/);
  const log = page.getByTestId('log-text');
  await expect(log).toContainText(failed.tracebackLastLine);
  // The attempt's own slice of the worker's stderr, not the whole file.
  await expect(log).toContainText(':task_name:preprocess');
  await expect(log).not.toContainText(':task_name:write_shard');
});

test('the job page opened directly is styled and keeps the full traceback one click away', async ({
  page,
}) => {
  await page.goto(paths.job(failedScope, failed.jobId));
  const row = page.locator('.facts__row').first();
  await expect(row).toBeVisible();
  expect(
    await row.evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).display),
  ).toBe('grid');
  const traceback = page.getByLabel('Traceback');
  await expect(traceback).toBeHidden();
  await page.getByText('Full traceback').click();
  await expect(traceback).toContainText('ray::preprocess() (pid=');
  await expect(traceback).toContainText(failed.tracebackLastLine);
  await expect(page.getByRole('link', { name: 'Open full log' })).toHaveAttribute(
    'href',
    paths.jobLogs(failedScope, failed.jobId),
  );
  await expect(page.getByTestId('log-text')).toContainText(failed.tracebackLastLine);
});

test('a failed DRIVER job says it has no driver log and links its failed tasks, no error panel', async ({
  page,
}) => {
  const session = featuredSessions(manifest).find((s) =>
    s.jobs.some((j) => j.type === 'DRIVER' && j.status === 'FAILED'),
  )!;
  const job = session.jobs.find((j) => j.type === 'DRIVER' && j.status === 'FAILED')!;
  await page.goto(paths.job(scopeOf(session.sessionName), job.jobId));
  await expect(page.getByText(/No driver log was recorded/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open full log' })).toHaveCount(0);
  const tasks = page.locator('.job-detail__failed-tasks li');
  await expect(tasks.first()).toBeVisible();
  await expect(tasks.first().getByRole('link', { name: 'stderr' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/HTTP 404/)).toHaveCount(0);
});

/** Elements inside table cells whose content is cut and that have no tooltip to show it. */
function cutWithoutTooltip(page: Page) {
  return page.locator('body').evaluate((body) => {
    const cut: string[] = [];
    for (const el of body.querySelectorAll('td, th, td *, th *')) {
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !el.closest('[title]'))
        cut.push(`${el.tagName}.${el.className}: ${(el.textContent ?? '').slice(0, 40)}`);
    }
    return cut;
  });
}

const TABLE_PAGES = ['jobs', 'tasks', 'actors', 'nodes', 'events'] as const;

test.describe('at 1440 px', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  for (const s of featuredSessions(manifest)) {
    test(`no table of ${s.sessionName} clips a column or cuts a cell without a tooltip`, async ({
      page,
    }) => {
      const scope = scopeOf(s.sessionName);
      for (const name of TABLE_PAGES) {
        await page.goto(paths[name](scope));
        await expect(page.locator('tbody tr').first()).toBeVisible();
        expect(await cutWithoutTooltip(page), name).toEqual([]);
        const overflow = await page
          .locator('.data-table__scroll')
          .evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth));
        expect(
          overflow.every((px) => px <= 1),
          `${name}: ${overflow.join(', ')}`,
        ).toBe(true);
      }
    });
  }

  test('actor rows stay a few lines tall', async ({ page }) => {
    await page.goto(paths.actors(scopeOf(featuredSessions(manifest)[0]!.sessionName)));
    await expect(page.locator('tbody tr').first()).toBeVisible();
    const heights = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(120);
  });
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no page is wider than the screen, and the menu folds behind a button', async ({ page }) => {
    const pages = [
      paths.clusters(),
      paths.session(failedScope),
      ...TABLE_PAGES.map((name) => paths[name](failedScope)),
      paths.job(failedScope, failed.jobId),
      paths.logs(failedScope),
      paths.metrics(failedScope),
    ];
    for (const url of pages) {
      await page.goto(url);
      await expect(page.locator('h1').first()).toBeVisible();
      const width = await page.locator('html').evaluate((html) => html.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(390);
    }
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(page.getByRole('navigation', { name: 'Session' })).toBeHidden();
    await menu.click();
    await page.getByRole('navigation', { name: 'Session' }).getByText('Tasks').click();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole('navigation', { name: 'Session' })).toBeHidden();
  });
});

test('at 1024×700 the task filters leave room for more than two rows', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(paths.tasks(failedScope));
  await expect(page.locator('tbody tr').first()).toBeVisible();
  const visible = await page
    .locator('tbody tr')
    .evaluateAll(
      (rows, height) => rows.filter((r) => r.getBoundingClientRect().bottom <= height).length,
      700,
    );
  expect(visible).toBeGreaterThan(2);
});

test('an unreachable Grafana shows the setup hint, never a frame', async ({ page }) => {
  // Nothing answers where Grafana is looked for (the page's host, port 3000).
  await page.route(/:3000\//, (route) => route.abort('connectionrefused'));
  await page.goto(paths.metrics(failedScope));
  await page.getByRole('tab', { name: 'Grafana: Cluster' }).click();
  const hint = page.getByRole('status', { name: 'Grafana setup' });
  await expect(hint).toBeVisible();
  await expect(hint).toContainText(
    'kubectl -n kuberay port-forward svc/ray-history-server 3000:3000',
  );
  await expect(page.locator('iframe')).toHaveCount(0);
});
