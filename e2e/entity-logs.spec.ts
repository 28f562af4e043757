import type { APIRequestContext } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import type { SessionScope } from '../contract/api.ts';
import type { RayTask } from '../contract/ray.ts';
import { expect, test } from './support/guarded-test.ts';
import { featuredSessions, sampleManifest } from './support/sample.ts';

// Logs where they are needed: a task attempt's own output (whole file one click away), an
// actor's stdout / stderr, a job's workers' stdout and stderr; tabs named after the file.

const manifest = sampleManifest();
const failed = manifest.failedRayJob;
const session = manifest.sessions.find((s) => s.sessionName === failed.sessionName)!;
const scope: SessionScope = {
  namespace: session.namespace,
  kind: session.kind,
  name: session.name,
  session: session.sessionName,
};
const api = (path: string) => `/api${paths.session(scope)}${path}`;

async function jobTasks(request: APIRequestContext): Promise<RayTask[]> {
  const query = `detail=1&limit=500&filter_keys=job_id&filter_predicates=%3D&filter_values=${failed.jobId}`;
  const response = await request.get(api(`/api/v0/tasks?${query}`));
  expect(response.ok()).toBe(true);
  return (await response.json()).data.result.result as RayTask[];
}

test("a task's stderr opens that attempt's part of the worker file, the whole file one click away", async ({
  page,
  request,
}) => {
  const task = (await jobTasks(request)).find(
    (t) =>
      t.state === 'FAILED' &&
      t.task_log_info?.stderr_file &&
      (t.task_log_info.stderr_start ?? 0) > 0,
  );
  expect(task, 'a failed attempt whose stderr starts inside its worker file').toBeDefined();
  const info = task!.task_log_info!;
  await page.goto(paths.task(scope, task!.task_id, task!.attempt_number));
  await page.getByRole('link', { name: 'stderr', exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/[^/]+\/logs\?attempt=\d+&tab=err$/);
  const file = info.stderr_file!.split('/').pop()!;
  await expect(page).toHaveTitle(new RegExp(`^${file.replace(/[.]/g, '\\.')} · Task `));
  // Only the attempt's bytes: the loaded size is the range, not the file.
  const status = page.locator('[data-first-line]');
  await expect(status).toContainText(file);
  const attemptBytes = info.stderr_end! - info.stderr_start!;
  await expect(page.getByTestId('log-text')).not.toBeEmpty();
  const loaded = await page.getByTestId('log-text').textContent();
  expect(Buffer.byteLength(loaded ?? '')).toBeLessThanOrEqual(attemptBytes);

  await page.getByRole('link', { name: 'Whole file' }).click();
  await expect(page).toHaveURL(new RegExp(`/logs/${task!.node_id}/${file}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(file);
  await expect(page).toHaveTitle(new RegExp(`^${file.replace(/[.]/g, '\\.')} · node `));
});

test('an actor page links its stdout and stderr', async ({ page, request }) => {
  const withActors = featuredSessions(manifest)[0]!;
  const actorScope: SessionScope = {
    namespace: withActors.namespace,
    kind: withActors.kind,
    name: withActors.name,
    session: withActors.sessionName,
  };
  const response = await request.get(`/api${paths.session(actorScope)}/logical/actors`);
  const actorId = Object.keys((await response.json()).data.actors as object)[0]!;
  await page.goto(paths.actor(actorScope, actorId));
  await page.getByRole('link', { name: 'stderr', exact: true }).click();
  await expect(page).toHaveURL(/\/actors\/[^/]+\/logs\?tab=err$/);
  await expect(page.getByRole('tab', { name: 'stderr' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveTitle(/\.err · Actor /);
  await page.getByRole('tab', { name: 'stdout' }).click();
  await expect(page).toHaveTitle(/\.out · Actor /);
});

test("the job logs page has each worker's stdout and stderr", async ({ page }) => {
  await page.goto(paths.jobLogs(scope, failed.jobId));
  await expect(page.getByRole('tab', { name: 'Driver' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveTitle(/^job-driver-.+\.log · Job .+ Driver/);
  const stderr = page.getByRole('tab', { name: /^Worker \d+ stderr$/ }).first();
  await stderr.click();
  await expect(page).toHaveTitle(/^worker-.+\.err · Job /);
  await expect(page.getByRole('tab', { name: /^Worker \d+ stdout$/ }).first()).toBeVisible();
});
