import { expect, test } from './support/guarded-test.ts';
import { paths } from '../contract/paths.ts';
import { GRAFANA_PADDING_MS } from '../contract/metrics/grafana-dashboards.ts';
import type { SessionSummary } from '../contract/ray.ts';
import {
  GRAFANA_DEFAULT_ORIGIN,
  routeGrafanaStandIn,
  type GrafanaStandIn,
} from './support/grafana-stand-in.ts';
import { featuredSessions, sampleManifest } from './support/sample.ts';

// The metrics page embeds Ray's Grafana dashboards scoped to the session; a stand-in answering
// for port 3000 (the default Grafana location) in the browser records the URL the frame asked for.

const manifest = sampleManifest();
const session = featuredSessions(manifest)[0]!;
const scope = {
  namespace: session.namespace,
  kind: session.kind,
  name: session.name,
  session: session.sessionName,
};

let grafana: GrafanaStandIn;
test.beforeEach(async ({ page }) => {
  grafana = await routeGrafanaStandIn(page);
});

test('the Grafana frame asks for the dashboard scoped to the session window and name', async ({
  page,
  request,
}) => {
  const summary = (await (
    await request.get(`/api${paths.session(scope)}/summary`)
  ).json()) as SessionSummary;
  await page.goto(paths.metrics(scope));
  await expect(page.getByRole('heading', { level: 1, name: 'Metrics' })).toBeVisible();
  await page.getByRole('tab', { name: 'Grafana: Cluster' }).click();
  const frame = page.frameLocator('iframe[title="Grafana: Cluster"]');
  await expect(frame.getByText('Grafana stand-in')).toBeVisible();

  const asked = grafana.requests.find((u) => u.startsWith('/d/rayDefaultDashboard'));
  expect(asked, grafana.requests.join('\n')).toBeDefined();
  const query = new URL(asked!, GRAFANA_DEFAULT_ORIGIN).searchParams;
  expect(Number(query.get('from'))).toBe(summary.startTime! - GRAFANA_PADDING_MS);
  expect(Number(query.get('to'))).toBe(summary.endTime! + GRAFANA_PADDING_MS);
  expect(query.get('var-SessionName')).toBe(session.sessionName);
  expect(query.get('var-Cluster')).toBe(session.clusterName);
  expect(query.get('orgId')).toBe('1');
  expect(query.has('kiosk')).toBe(true);

  const open = page.getByRole('link', { name: 'Open in Grafana' });
  const href = new URL((await open.getAttribute('href'))!);
  expect(href.origin).toBe(GRAFANA_DEFAULT_ORIGIN);
  expect(href.searchParams.get('var-SessionName')).toBe(session.sessionName);
  expect(href.searchParams.has('kiosk')).toBe(false);
});

test('another dashboard tab loads its own dashboard, and the tab survives reload', async ({
  page,
}) => {
  await page.goto(paths.metrics(scope));
  await page.getByRole('tab', { name: 'Grafana: Data' }).click();
  await expect(page).toHaveURL(/tab=grafana-data/);
  await expect(
    page.frameLocator('iframe[title="Grafana: Data"]').getByText('Grafana stand-in'),
  ).toBeVisible();
  expect(grafana.requests.some((u) => u.startsWith('/d/rayDataDashboard?'))).toBe(true);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Grafana: Data' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('the activity tab charts the session and shows its known peak of running tasks', async ({
  page,
}) => {
  expect(manifest.runningPeak.sessionName).toBe(session.sessionName);
  await page.goto(paths.metrics(scope));
  await expect(page.getByRole('tab', { name: 'Activity' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByText('Peak of running task attempts')).toContainText(
    String(manifest.runningPeak.count),
  );
  for (const title of [
    'Task attempts by state',
    'Finished and failed per interval',
    'Running actors and alive nodes',
    'Jobs',
  ])
    await expect(page.getByRole('figure', { name: title }).locator('svg').first()).toBeVisible();

  const job = session.jobs[0]!.jobId;
  await page.getByRole('combobox', { name: 'Job' }).selectOption(job);
  await expect(page).toHaveURL(new RegExp(`job=${job}`));
  await expect(page.getByRole('figure', { name: 'Jobs' })).toBeVisible();
});
