import { expect, test } from './support/guarded-test.ts';
import { paths } from '../contract/paths.ts';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { featuredSessions, sampleManifest } from './support/sample.ts';

// Actors, nodes, events and the task timeline on the sample history, loaded from pasted URLs.

// Independent tests: both workers share this long file, so the suite's end stays balanced.
test.describe.configure({ mode: 'parallel' });

const manifest = sampleManifest();
const session = featuredSessions(manifest)[0]!;
const scope = {
  namespace: session.namespace,
  kind: session.kind,
  name: session.name,
  session: session.sessionName,
};
const deadNode = session.nodes.find((n) => n.state === 'DEAD')!;

test('the actors page lists actors and a filter survives reload and back', async ({ page }) => {
  await page.goto(paths.actors(scope));
  await expect(page.getByRole('heading', { level: 1, name: /Actors/ })).toBeVisible();
  await expect(page.getByRole('table').getByText('Trainer').first()).toBeVisible();
  await page.getByRole('combobox', { name: 'State' }).selectOption('ALIVE');
  await expect(page).toHaveURL(/state=ALIVE/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'State' })).toHaveValue('ALIVE');
  await expect(page.getByRole('table').getByText('DEAD')).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('combobox', { name: 'State' })).toHaveValue('');
  await page.goForward();
  await expect(page.getByRole('combobox', { name: 'State' })).toHaveValue('ALIVE');
  await expectAccessibleInBothThemes(page, 'actors');
});

test('an actor page loads directly with its facts and related links', async ({ page, request }) => {
  const api = await request.get(`/api${paths.session(scope)}/logical/actors`);
  const actors = (await api.json()).data.actors as Record<string, { state: string }>;
  // A dead actor's page shows the most: its death cause as well as its facts.
  const actorId = Object.entries(actors).find(([, actor]) => actor.state === 'DEAD')![0];
  await page.goto(paths.actor(scope, actorId));
  await expect(page.getByRole('link', { name: 'Tasks of this actor' })).toBeVisible();
  await expect(page.getByText('Required resources')).toBeVisible();
  await expectAccessibleInBothThemes(page, 'dead actor');
});

test('a dead node shows its death reason in words and a working logs link', async ({ page }) => {
  await page.goto(paths.node(scope, deadNode.nodeId));
  const death = page.getByRole('region', { name: 'Why it died' });
  await expect(death).toContainText(/Preempted|reclaimed|drain/i);
  await expect(page.getByText('not recorded').first()).toBeVisible();
  await expect(page.getByText(/0 %/)).toHaveCount(0);
  await expectAccessibleInBothThemes(page, 'dead node');
  await page.getByRole('link', { name: 'Logs of this node' }).click();
  await expect(page).toHaveURL(new RegExp(`/logs\\?node=${deadNode.nodeId}`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the nodes page lists every node with the dead one explained', async ({ page }) => {
  await page.goto(paths.nodes(scope));
  for (const node of session.nodes) await expect(page.getByText(node.ip).first()).toBeVisible();
  await expect(page.getByText(/Preempted|reclaimed|drain/i).first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'nodes');
});

test('the events page filters by severity in the URL, newest first', async ({ page }) => {
  await page.goto(paths.events(scope));
  await expect(page.getByRole('heading', { level: 1, name: /Events/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Job' }).selectOption('01000000');
  await expect(page).toHaveURL(/job=01000000/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Job' })).toHaveValue('01000000');
  // Ray's JOBS events name a submission id, not a job: the job's own event is the derived one.
  await expect(page.getByText(/^Job raysubmit_\S+ succeeded/).first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'events');
});

test('clicking a timeline bar opens that task', async ({ page, request }) => {
  await page.goto(paths.timeline(scope, { job: '01000000' }));
  await expect(page.getByRole('combobox', { name: 'Job' })).toHaveValue('01000000');
  const bar = page.locator('.timeline__viewport a').first();
  await expect(bar).toBeAttached();
  await expectAccessibleInBothThemes(page, 'timeline');
  const href = (await bar.getAttribute('href')) ?? '';
  const taskId = /\/tasks\/([0-9a-f]+)/.exec(href)?.[1];
  expect(taskId, `a task link: ${href}`).toBeDefined();
  const api = await request.get(
    `/api${paths.session(scope)}/api/v0/tasks?filter_keys=task_id&filter_predicates=%3D&filter_values=${taskId}`,
  );
  const task = (await api.json()).data.result.result[0] as { name: string };
  await bar.click({ force: true });
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(task.name);
});
