import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { paths } from '../contract/paths.ts';
import type { RayJob } from '../contract/ray.ts';
import { E2E_SERVER_ENV } from './support/constants.ts';
import { unpackRealRayRecording } from './support/real-ray-fixture.ts';
import { TruthIndex } from '../server/fidelity/truth-index.ts';
import { recordedSessions } from '../server/fidelity/recorded-sessions.ts';

// The recording of a real Ray cluster (e2e/fixtures/real-ray-2.58, or REAL_RAY_RECORDING) in
// Chromium: the jobs the live dashboard called FAILED and STOPPED are drawn as such, and the
// failed job's page shows Ray's own message. Which jobs those are comes from the recording's truth.

const recording = unpackRealRayRecording();
const truth = new TruthIndex(recording.truthDir);
const session = recordedSessions(recording.historyRoot)[0]!;
const scope = {
  namespace: session.namespace,
  kind: session.kind,
  name: session.name,
  session: session.sessionName,
};
const finalJobs = truth.json<RayJob[]>(truth.latest((a) => a.pathname === '/api/jobs/')!);
/** One job per status the live dashboard gave (FAILED and STOPPED in the committed recording). */
const jobPerStatus = new Map(finalJobs.map((j) => [j.status, j]));
const failed = jobPerStatus.get('FAILED');

let app: FastifyInstance;
let origin: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const config = loadConfig({
    STORAGE_URL: pathToFileURL(recording.historyRoot).href,
    HOST: '127.0.0.1',
    SESSION_INDEX_TTL_SECONDS: '0',
    ...E2E_SERVER_ENV,
  });
  app = await buildApp({ config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  app?.server.closeAllConnections();
  await app?.close();
});

// eslint-disable-next-line no-control-regex -- colour codes are what is removed
const withoutColours = (text: string) => text.replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '');

/** The browser's computed style (the DOM's types are not part of the e2e compile). */
type StyleOf = (el: unknown) => { backgroundColor: string };

/** The colour the browser paints behind a chip's text. */
const chipColour = (chip: Locator) =>
  chip.evaluate(
    (el) =>
      (globalThis as unknown as { getComputedStyle: StyleOf }).getComputedStyle(el).backgroundColor,
  );

/** The row of one job in the jobs table: the one whose job id link names it. */
const jobRow = (page: Page, job: RayJob) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: job.job_id ?? '', exact: true }) });

test('the jobs list draws the failed and stopped jobs as the live dashboard named them', async ({
  page,
}) => {
  await page.goto(`${origin}${paths.jobs(scope)}`);
  // Every job as the live dashboard had it (a DRIVER job whose script raised is SUCCEEDED there).
  for (const job of finalJobs)
    await expect(jobRow(page, job).locator('.status-chip')).toHaveText(job.status);
  // Drawn, not only written: each outcome has its own colour.
  const colours = await Promise.all(
    [...jobPerStatus.values()].map((job) => chipColour(jobRow(page, job).locator('.status-chip'))),
  );
  expect(new Set(colours).size).toBe(jobPerStatus.size);
});

test("the failed job's page shows Ray's message", async ({ page }) => {
  test.skip(!failed, 'the recording has no failed job');
  await page.goto(`${origin}${paths.job(scope, failed!.submission_id ?? failed!.job_id!)}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('FAILED');
  const words = withoutColours(failed!.message!);
  const firstLine = words.split('\n')[0]!;
  // Ray's message quotes the driver's last lines; the last one is the exception, shown first.
  const lastLine = words.trimEnd().split('\n').at(-1)!;
  const failure = page.getByRole('region', { name: /Why it failed/ });
  await expect(failure.getByLabel('Exception')).toHaveText(lastLine.trim());
  // The whole of Ray's message, line by line and without colour codes, one click away.
  await failure.getByText('Full traceback').click();
  const message = failure.getByLabel('Traceback');
  await expect(message).toContainText(firstLine);
  await expect(message).toContainText(lastLine);
  await expect(message).toHaveCSS('white-space', /^pre/);
  await expect(message).not.toContainText('\u001b[');
  await page.screenshot({ path: path.join('test-results', 'real-ray-failed-job.png') });
});

// A task attempt that wrote nothing (the live dashboard answered its log with no bytes): Ray
// keeps a task's exception with the task, not in its worker's log, so a failed attempt's log
// is often empty. The page says so in place of an empty terminal, and points at the task.
const emptyTaskLog = truth
  .latestPerUrl(
    (a) =>
      a.pathname === '/api/v0/logs/file' &&
      a.query.has('task_id') &&
      a.query.has('attempt_number') &&
      a.status === 200,
  )
  .find((a) => truth.text(a).length === 0);

test("an attempt's empty log says what it means, with the task one click away", async ({
  page,
}) => {
  test.skip(!emptyTaskLog, 'the recording has no empty task log');
  const taskId = emptyTaskLog!.query.get('task_id')!;
  const attempt = Number(emptyTaskLog!.query.get('attempt_number'));
  const suffix = emptyTaskLog!.query.get('suffix') === 'out' ? 'out' : 'err';
  await page.goto(`${origin}${paths.taskLogs(scope, taskId, attempt, suffix)}`);
  const stream = suffix === 'out' ? 'stdout' : 'stderr';
  const empty = page.getByRole('region', { name: `Attempt ${attempt} wrote nothing to ${stream}` });
  await expect(empty).toBeVisible();
  await expect(empty).toContainText(
    "Ray does not write an attempt's exception to its worker's log",
  );
  // The attempt failed with an exception (the recording's README): its tab is named as where to look.
  const errorTab = page.getByRole('tab', { name: /^Error/ });
  await expect(empty).toContainText(`is in the "${await errorTab.innerText()}" tab`);
  // No blank terminal under it.
  await expect(page.getByTestId('log-terminal')).toBeHidden();
  await page.screenshot({ path: path.join('test-results', 'real-ray-empty-task-log.png') });
  await empty.getByRole('link', { name: 'Open the task' }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}\\?attempt=${attempt}$`));
});
