import { expect, test } from './support/guarded-test.ts';
import type { APIRequestContext, Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import type { SessionScope } from '../contract/api.ts';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { featuredSessions, sampleManifest } from './support/sample.ts';

// Overview, jobs and tasks on the sample history: the failure path, pasted URLs, URL state, a11y.

// Independent tests: both workers share this long file, so the suite's end stays balanced.
test.describe.configure({ mode: 'parallel' });

const manifest = sampleManifest();
const failed = manifest.failedRayJob;
const failedSession = manifest.sessions.find((s) => s.sessionName === failed.sessionName)!;
const failedScope: SessionScope = {
  namespace: failedSession.namespace,
  kind: failedSession.kind,
  name: failedSession.name,
  session: failedSession.sessionName,
};
const failedJob = failedSession.jobs.find((j) => j.jobId === failed.jobId)!;

interface ApiTask {
  task_id: string;
  attempt_number: number;
  name: string;
  state: string;
  error_type: string | null;
  error_message: string | null;
}

/** Task attempts of the session from the real API, filtered by `filters` (key → value). */
async function apiTasks(
  request: APIRequestContext,
  scope: SessionScope,
  filters: Record<string, string>,
): Promise<ApiTask[]> {
  const search = new URLSearchParams({ sort_by: 'creation_time_ms', order: 'asc', limit: '500' });
  for (const [key, value] of Object.entries(filters)) {
    search.append('filter_keys', key);
    search.append('filter_predicates', '=');
    search.append('filter_values', value);
  }
  const response = await request.get(`/api${paths.session(scope)}/api/v0/tasks?${search}`);
  expect(response.ok()).toBe(true);
  return (await response.json()).data.result.result as ApiTask[];
}

/** A failed attempt of the failed RayJob whose error is a Python traceback. */
async function failingTaskWithTraceback(request: APIRequestContext): Promise<ApiTask> {
  const attempts = await apiTasks(request, failedScope, { job_id: failed.jobId, state: 'FAILED' });
  const task = attempts.find((t) => t.error_message?.includes('Traceback (most recent call last)'));
  expect(task, 'the failed RayJob has a task that failed with a traceback').toBeDefined();
  return task!;
}

/** The traceback's last line, as a reader sees it (no terminal colour codes). */
function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  // eslint-disable-next-line no-control-regex -- removing terminal colour codes
  return lines[lines.length - 1]!.replace(/\x1b\[[0-9;]*m/g, '');
}

const dataRows = (page: Page) => page.getByRole('table').locator('tbody tr[data-index]');

test('sessions list → failed job → its failing task → traceback, in four clicks', async ({
  page,
  request,
}) => {
  const task = await failingTaskWithTraceback(request);
  let clicks = 0;

  await page.goto('/clusters?pageSize=200');
  await page.getByRole('link', { name: failed.sessionName, exact: true }).click();
  clicks += 1;

  const failures = page.getByRole('region', { name: 'Latest failures' });
  await failures.getByRole('link', { name: `Job ${failed.jobId}`, exact: true }).click();
  clicks += 1;
  await expect(page.getByRole('heading', { level: 1, name: `Job ${failed.jobId}` })).toBeVisible();

  await page
    .getByRole('list', { name: 'Attempts by state' })
    .getByRole('button', { name: /FAILED/ })
    .click();
  clicks += 1;
  await expect(page).toHaveURL(/state=FAILED/);

  const row = dataRows(page).filter({
    has: page.locator(`a[href*="/tasks/${task.task_id}?attempt=${task.attempt_number}"]`),
  });
  await row.getByRole('link', { name: task.name, exact: true }).click();
  clicks += 1;

  const traceback = page.getByLabel('Traceback');
  await expect(traceback).toBeVisible();
  await expect(traceback).toContainText('Traceback (most recent call last)');
  await expect(traceback).toContainText(lastLine(task.error_message!));
  // The terminal colour codes Ray puts around the task name are not shown as text.
  await expect(traceback).not.toContainText('[1m');
  expect(clicks).toBeLessThanOrEqual(4);
  await expectAccessibleInBothThemes(page, 'task page with a traceback');
});

test('a pasted overview URL shows the session and its counts', async ({ page }) => {
  await page.goto(paths.session(failedScope));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(failed.sessionName);
  await expect(page.getByText(manifest.rayVersion).first()).toBeVisible();
  const glance = page.getByRole('region', { name: 'At a glance' });
  const attempts = Object.values(failedSession.taskAttemptsByState).reduce((a, b) => a + b, 0);
  await expect(glance.getByRole('link', { name: `${attempts} attempts` })).toBeVisible();
  await expect(glance).toContainText(`${failedSession.taskAttemptsByState.FAILED} failed`);
  await expect(
    glance.getByRole('link', { name: new RegExp(`^${failedSession.jobs.length} jobs?$`) }),
  ).toBeVisible();
  await expect(
    glance.getByRole('link', { name: new RegExp(`^${failedSession.nodes.length} nodes`) }),
  ).toBeVisible();
  await expectAccessibleInBothThemes(page, 'session overview');
});

test('a pasted jobs URL lists every job of the session with its status', async ({ page }) => {
  const session = featuredSessions(manifest)[0]!;
  const scope = {
    namespace: session.namespace,
    kind: session.kind,
    name: session.name,
    session: session.sessionName,
  };
  await page.goto(paths.jobs(scope));
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect(dataRows(page)).toHaveCount(session.jobs.length);
  for (const job of session.jobs) {
    const row = dataRows(page).filter({
      has: page.getByRole('link', { name: job.jobId, exact: true }),
    });
    await expect(row).toContainText(job.status);
    if (job.submissionId) await expect(row).toContainText(job.submissionId);
  }
  await expectAccessibleInBothThemes(page, 'jobs');
});

for (const by of ['job id', 'submission id'] as const) {
  test(`a pasted job URL (by ${by}) shows how the failed RayJob ended`, async ({ page }) => {
    await page.goto(paths.job(failedScope, by === 'job id' ? failed.jobId : failed.submissionId));
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(`Job ${failed.jobId}`);
    await expect(heading).toContainText('FAILED');
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details).toContainText(failed.errorType);
    await expect(details).toContainText(failedJob.entrypoint);
    await expect(details.getByText(String(failed.exitCode), { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Open full log' })).toHaveAttribute(
      'href',
      paths.jobLogs(failedScope, failed.jobId),
    );
    await expect(page.getByRole('region', { name: 'Task progress' })).toContainText(
      String(failedJob.taskAttempts),
    );
    if (by === 'job id') await expectAccessibleInBothThemes(page, 'failed job');
  });
}

test('a pasted tasks URL with filters shows only the matching attempts', async ({
  page,
  request,
}) => {
  const failedAttempts = await apiTasks(request, failedScope, { state: 'FAILED' });
  expect(failedAttempts.length).toBe(failedSession.taskAttemptsByState.FAILED);
  await page.goto(paths.tasks(failedScope, { state: 'FAILED' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'State' })).toHaveValue('FAILED');
  await expect(dataRows(page)).toHaveCount(failedAttempts.length);
  await expect(page.getByRole('navigation', { name: 'Task pages' })).toContainText(
    String(failedAttempts.length),
  );
  await expectAccessibleInBothThemes(page, 'tasks filtered to FAILED');
});

test('a pasted task URL with ?attempt= shows that attempt', async ({ page, request }) => {
  // A task that failed once and was tried again (which attempt failed depends on the sample).
  const failed = await apiTasks(request, failedScope, { state: 'FAILED' });
  let all: ApiTask[] = [];
  for (const attempt of failed) {
    all = await apiTasks(request, failedScope, { task_id: attempt.task_id });
    if (all.length > 1) break;
  }
  expect(all.length).toBeGreaterThan(1);
  for (const attempt of all) {
    await page.goto(paths.task(failedScope, attempt.task_id, attempt.attempt_number));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(attempt.name);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(attempt.state);
    await expect(
      page.getByRole('heading', { level: 2, name: `Attempt ${attempt.attempt_number}` }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('navigation', { name: 'Attempts' })
        .getByRole('link', { name: new RegExp(`^Attempt ${attempt.attempt_number} `) }),
    ).toHaveAttribute('aria-current', 'page');
    if (attempt.error_type) {
      await expect(
        page.getByRole('heading', { level: 2, name: `Error: ${attempt.error_type}` }),
      ).toBeVisible();
    }
  }
});

test('on tasks, a filter and a sort set in the UI survive reload and back/forward', async ({
  page,
}) => {
  const failedCount = failedSession.taskAttemptsByState.FAILED!;
  const total = Object.values(failedSession.taskAttemptsByState).reduce((a, b) => a + b, 0);
  const stateFilter = page.getByRole('combobox', { name: 'State' });
  const durationHeader = page.getByRole('columnheader', { name: /Duration/ });
  await page.goto(paths.tasks(failedScope));
  await expect(dataRows(page).first()).toBeVisible();

  await stateFilter.selectOption('FAILED');
  await expect(page).toHaveURL(/[?&]state=FAILED/);
  await expect(dataRows(page)).toHaveCount(failedCount);
  await durationHeader.getByRole('button').click();
  await expect(page).toHaveURL(/[?&]sort=duration_ms/);
  await expect(durationHeader).toHaveAttribute('aria-sort', 'ascending');

  await page.reload();
  await expect(stateFilter).toHaveValue('FAILED');
  await expect(durationHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows(page)).toHaveCount(failedCount);
  await expect(dataRows(page).filter({ hasNotText: 'FAILED' })).toHaveCount(0);

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=duration_ms/);
  await expect(stateFilter).toHaveValue('FAILED');
  await expect(durationHeader).not.toHaveAttribute('aria-sort', /./);
  await page.goBack();
  await expect(page).not.toHaveURL(/state=/);
  await expect(stateFilter).toHaveValue('');
  await expect(dataRows(page).filter({ hasText: 'FINISHED' }).first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Task pages' })).toContainText(String(total));

  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/state=FAILED.*sort=duration_ms|sort=duration_ms.*state=FAILED/);
  await expect(stateFilter).toHaveValue('FAILED');
  await expect(durationHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows(page)).toHaveCount(failedCount);
});

test('on jobs, the status filter survives reload and back', async ({ page }) => {
  const session = featuredSessions(manifest).find(
    (s) => s.jobs.some((j) => j.status === 'FAILED') && s.jobs.length > 1,
  )!;
  const scope = {
    namespace: session.namespace,
    kind: session.kind,
    name: session.name,
    session: session.sessionName,
  };
  const failedJobs = session.jobs.filter((j) => j.status === 'FAILED');
  const status = page.getByRole('combobox', { name: 'Status' });
  await page.goto(paths.jobs(scope));
  await expect(dataRows(page)).toHaveCount(session.jobs.length);

  await status.selectOption('FAILED');
  await expect(page).toHaveURL(/[?&]status=FAILED/);
  await expect(dataRows(page)).toHaveCount(failedJobs.length);

  await page.reload();
  await expect(status).toHaveValue('FAILED');
  await expect(dataRows(page)).toHaveCount(failedJobs.length);
  for (const job of failedJobs) {
    await expect(page.getByRole('link', { name: job.jobId, exact: true })).toBeVisible();
  }

  await page.goBack();
  await expect(status).toHaveValue('');
  await expect(dataRows(page)).toHaveCount(session.jobs.length);
});
