import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { leakedSecrets, startAuthApp, type AuthApp } from './support/auth-app.ts';
import {
  startRayDashboardReplay,
  type RayDashboardReplay,
} from './support/ray-dashboard-replay.ts';
import { unpackRealRayRecording } from './support/real-ray-fixture.ts';

// A running cluster through the same views. No live Ray dashboard can run here: its stand-in
// replays the real Ray 2.58 dashboard's recorded answers (truth/ of the recording) and, like a
// token-auth cluster, refuses requests without the Ray token. Our server (its own, in-process)
// names it in LIVE_CLUSTERS and serves the same recording's history, so stopping the stand-in is
// the head stopping: the same URLs then show the recorded session.

const RAY_TOKEN = 'ray-e2e-token-6b1f0c9a7d3e42b8a5c4';
const RECORDED_SESSION = 'session_2026-12-02_02-36-26_169760_6368';
const HEAD_NODE = '0e5354e0ad0bf25496376436a2160845ad130ace49a6c091bbf0e0c4';
const scope = {
  namespace: 'data-eng',
  kind: 'rayjob' as const,
  name: 'nightly-features',
  session: 'live',
};
const { historyRoot, truthDir } = unpackRealRayRecording();

let replay: RayDashboardReplay;
let dashboard: AuthApp;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  replay = await startRayDashboardReplay({ truthDir, phase: 'before-node-kill', token: RAY_TOKEN });
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'ray-token-')), 'token');
  writeFileSync(tokenFile, RAY_TOKEN);
  dashboard = await startAuthApp({
    STORAGE_URL: pathToFileURL(historyRoot).href,
    LIVE_CLUSTERS: `data-eng/rayjob/nightly-features=${replay.url}`,
    LIVE_RAY_TOKEN_FILE: tokenFile,
    LIVE_CACHE_SECONDS: '1',
  });
});

test.afterAll(async () => {
  await dashboard?.close();
  await replay?.close();
});

/** Content-Security-Policy violations the page reports (none may happen). */
function recordCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Everything the browser received, headers and bodies, for the token check. */
function recordResponses(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', async (response) => {
    seen.push(JSON.stringify(response.headers()));
    try {
      seen.push(await response.text());
    } catch {
      // redirects and aborted reads have no body
    }
  });
  return seen;
}

test('the sessions list shows the running cluster as its newest session, with a live badge', async ({
  page,
}) => {
  await page.goto(`${dashboard.origin}${paths.clusters()}`);
  const group = page.getByRole('region', { name: /nightly-features/ });
  const rows = group.getByRole('row');
  await expect(rows.nth(1)).toContainText('live');
  await expect(rows.nth(2)).toContainText(RECORDED_SESSION);
  const badge = rows.nth(1).locator('.live-badge');
  await expect(badge).toBeVisible();
  // Drawn as a badge: its own background, not the page's.
  const background = await badge.evaluate('(el) => getComputedStyle(el).backgroundColor');
  expect(background).not.toBe('rgba(0, 0, 0, 0)');
  await rows.nth(1).getByRole('link', { name: 'live' }).click();
  await expect(page).toHaveURL(new RegExp(`${paths.session(scope)}$`));
  await expect(page.getByRole('region', { name: 'Live cluster' })).toContainText(
    /updated \d+ s ago/,
  );
});

test('jobs, tasks, actors, nodes and logs render from the running dashboard, and refresh picks up changes', async ({
  page,
}, testInfo) => {
  test.slow(); // seven page loads against a stand-in on a shared machine
  const received = recordResponses(page);
  const violations = recordCspViolations(page);
  await page.goto(`${dashboard.origin}${paths.jobs(scope)}`);
  const jobs = page.getByRole('table');
  await expect(jobs.getByText('nightly-features-export-report')).toBeVisible();
  // Before the node kill the pipeline driver (06000000) was running and 08000000 had not started.
  await expect(jobs.getByRole('row', { name: /06000000/ })).toContainText('RUNNING');
  await expect(jobs.getByText('08000000')).toHaveCount(0);

  replay.setPhase('after-node-kill');
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(jobs.getByText('08000000')).toBeVisible();
  await expect(jobs.getByRole('row', { name: /06000000/ })).toContainText('SUCCEEDED');
  await page.screenshot({ path: testInfo.outputPath('live-jobs.png'), fullPage: true });

  await page.goto(`${dashboard.origin}${paths.tasks(scope)}`);
  // The live answer after the node kill: 1,571 FINISHED and 11 FAILED attempts.
  await expect(page.getByRole('button', { name: 'FINISHED 1,571' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'FAILED 11' })).toBeVisible();
  const attempts = page.getByRole('table', { name: 'Task attempts' });
  await expect(attempts.getByRole('row').nth(1)).toContainText('FINISHED');
  await page.goto(`${dashboard.origin}${paths.actors(scope)}`);
  await expect(page.getByRole('table').getByText('ShardWriter').first()).toBeVisible();
  await page.goto(`${dashboard.origin}${paths.nodes(scope)}`);
  const nodes = page.getByRole('table');
  await expect(nodes.getByText('0e5354e0').first()).toBeVisible();
  // Host metrics history lacks are shown when live.
  await expect(nodes.getByRole('columnheader', { name: 'CPU usage' })).toBeVisible();
  await expect(nodes.getByText(/^\d+(\.\d+)? %$/).first()).toBeVisible();

  // Every chart is scoped to a recorded session: the metrics page says so, it does not fail.
  await page.goto(`${dashboard.origin}${paths.metrics(scope)}`);
  await expect(
    page.getByRole('region', { name: 'Metrics come from the recorded session' }),
  ).toBeVisible();
  await expect(page.getByText(/Could not load/)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('live-metrics.png') });

  await page.goto(`${dashboard.origin}${paths.logs(scope, { node: HEAD_NODE })}`);
  await expect(page.getByText('raylet.out').first()).toBeVisible();

  const pause = page.getByRole('button', { name: 'Pause auto-refresh' });
  await pause.click();
  await expect(page.getByRole('region', { name: 'Live cluster' })).toContainText(
    'auto-refresh paused',
  );

  // The Ray token reached the dashboard, and never the browser: not in any answer, nor stored.
  expect(replay.requests.length).toBeGreaterThan(0);
  for (const r of replay.requests) expect(r.authorization).toBe(`Bearer ${RAY_TOKEN}`);
  const stored = String(
    await page.evaluate(
      'JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie])',
    ),
  );
  const cookies = JSON.stringify(await page.context().cookies());
  expect(leakedSecrets([...received, stored, cookies].join('\n'), [RAY_TOKEN])).toEqual([]);
  expect(leakedSecrets(dashboard.logs(), [RAY_TOKEN])).toEqual([]);
  expect(violations).toEqual([]);
});

test('a job submission is refused by us before it reaches the cluster', async ({ page }) => {
  await page.goto(`${dashboard.origin}${paths.jobs(scope)}`);
  const before = replay.requests.length;
  const statuses = await page.evaluate(
    async (prefix) => {
      const body = JSON.stringify({ entrypoint: 'python -c "import os; os.system(\'id\')"' });
      const asked = [
        ['POST', `${prefix}/api/jobs/`],
        ['POST', '/api/jobs/'],
        ['POST', `${prefix}/api/jobs/raysubmit_fKduHyumvV74njXH/stop`],
        ['DELETE', `${prefix}/api/jobs/raysubmit_fKduHyumvV74njXH`],
      ];
      return Promise.all(
        asked.map(async ([method, url]) => (await fetch(url!, { method, body })).status),
      );
    },
    `/api${paths.session(scope)}`,
  );
  for (const status of statuses) expect(status).toBeGreaterThanOrEqual(400);
  expect(replay.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
});

test('when the head stops, the same URLs show the recorded history and say so', async ({
  page,
}, testInfo) => {
  await replay.close();
  // The server re-checks its running clusters every LIVE_CACHE_SECONDS (1 s here).
  await page.waitForTimeout(1500);
  await page.goto(`${dashboard.origin}${paths.jobs(scope)}`);
  const notice = page.getByRole('status').filter({ hasText: 'This cluster has ended' });
  await expect(notice).toContainText(`showing history (session ${RECORDED_SESSION})`);
  await expect(page.getByRole('table').getByText('nightly-features-export-report')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Live cluster' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('ended-jobs.png'), fullPage: true });

  await page.goto(`${dashboard.origin}${paths.clusters()}`);
  await expect(page.getByText(RECORDED_SESSION)).toBeVisible();
  await expect(page.locator('.live-badge')).toHaveCount(0);
});
