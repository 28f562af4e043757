import { expect, test, type Page, type Response } from '@playwright/test';
import type { ManifestSession, SampleManifest } from '../scripts/sample/manifest.ts';
import { paths } from '../contract/paths.ts';
import { scaleTarget, type ScaleTarget } from './support/scale-target.ts';

// Scale: a session with many task attempts is browsed page by page through the server — the
// browser never holds more than a page of rows. `npm test` runs it on 100k attempts with its own
// server; `npm run bench` runs it on a million against its warm server (see scale-target.ts).

/** Generating the 100k sample on a cold cache takes a few seconds; it is cached in .tmp/. */
const SETUP_TIMEOUT_MS = 2 * 60_000;
/** The first request reduces the session's events on the server; generous on purpose. */
const COLD_LOAD_TIMEOUT_MS = 6 * 60_000;
const PAGE_SIZE = 100;

// A retry would start a new server and pay the cold load again: fail once, loudly.
test.describe.configure({ retries: 0 });

let target: ScaleTarget;
let origin: string;
let manifest: SampleManifest;

test.beforeAll(async () => {
  test.setTimeout(SETUP_TIMEOUT_MS);
  target = await scaleTarget();
  ({ origin, manifest } = target);
});

test.afterAll(async () => {
  await target?.close();
});

function attemptCount(s: ManifestSession): number {
  return Object.values(s.taskAttemptsByState).reduce((sum, n) => sum + n, 0);
}

function biggestSession(m: SampleManifest): ManifestSession {
  return [...m.sessions].sort((a, b) => attemptCount(b) - attemptCount(a))[0]!;
}

interface TaskListFetch {
  search: URLSearchParams;
  rows: number;
  total: number;
  filtered: number;
}

/** Every task-list page the browser fetches (not the summaries or attempt look-ups). */
function recordTaskFetches(page: Page): Promise<TaskListFetch>[] {
  const fetches: Promise<TaskListFetch>[] = [];
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('/api/v0/tasks') || response.status() !== 200) return;
    fetches.push(
      response.json().then((body: { data: { result: Record<string, unknown> } }) => {
        const list = body.data.result as { result: unknown[]; total: number; num_filtered: number };
        return {
          search: url.searchParams,
          rows: list.result.length,
          total: list.total,
          filtered: list.num_filtered,
        };
      }),
    );
  });
  return fetches;
}

const fmt = (n: number) => n.toLocaleString('en-US');

test('many task attempts: first page, sort by duration and last page, all through the server', async ({
  page,
}) => {
  test.setTimeout(COLD_LOAD_TIMEOUT_MS + 60_000);
  const s = biggestSession(manifest);
  const attempts = attemptCount(s);
  expect(attempts).toBeGreaterThanOrEqual(target.requestedTasks);
  const fetches = recordTaskFetches(page);
  const lastPage = Math.ceil(attempts / PAGE_SIZE);
  const pager = page.getByRole('navigation', { name: 'Task pages' });
  const status = pager.getByText(/^Page /);

  const scope = { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
  await page.goto(`${origin}${paths.tasks(scope)}`);
  // The cold load shows the server's progress while it reads the events, then the first page.
  await expect(page.getByRole('progressbar').or(status)).toBeVisible({
    timeout: COLD_LOAD_TIMEOUT_MS,
  });
  await expect(status).toHaveText(
    `Page 1 of ${fmt(lastPage)} · rows 1–${PAGE_SIZE} of ${fmt(attempts)}`,
    { timeout: COLD_LOAD_TIMEOUT_MS },
  );

  const duration = page.getByRole('columnheader', { name: 'Duration' });
  // The pager reads the same before and after the sort: wait for the sorted page itself, or
  // the next click would supersede its request.
  const sortedFirstPage = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return (
      url.pathname.endsWith('/api/v0/tasks') &&
      url.searchParams.get('sort_by') === 'duration_ms' &&
      url.searchParams.get('offset') === '0'
    );
  });
  await duration.getByRole('button').click();
  expect((await sortedFirstPage).status()).toBe(200);
  await expect(page).toHaveURL(/[?&]sort=duration_ms\b/);
  await expect(duration).toHaveAttribute('aria-sort', 'ascending');
  await expect(status).toHaveText(
    `Page 1 of ${fmt(lastPage)} · rows 1–${PAGE_SIZE} of ${fmt(attempts)}`,
  );

  await pager.getByRole('button', { name: 'Last page' }).click();
  const lastOffset = (lastPage - 1) * PAGE_SIZE;
  await expect(status).toHaveText(
    `Page ${fmt(lastPage)} of ${fmt(lastPage)} · rows ${fmt(lastOffset + 1)}–${fmt(attempts)} of ${fmt(attempts)}`,
  );
  await expect(page).toHaveURL(new RegExp(`[?&]page=${lastPage}\\b`));
  await expect(pager.getByRole('button', { name: 'Next page' })).toBeDisabled();
  await expect(page.getByRole('table', { name: 'Task attempts' })).toHaveAttribute(
    'aria-rowcount',
    String(attempts - lastOffset + 1),
  );

  // Only pages went over the wire: the server sorted and sliced the million attempts.
  const fetched = await Promise.all(fetches);
  expect(fetched.length).toBeGreaterThanOrEqual(3);
  for (const f of fetched) {
    expect(f.rows).toBeLessThanOrEqual(PAGE_SIZE);
    expect(f.total).toBeGreaterThanOrEqual(target.requestedTasks);
    expect(f.filtered).toBe(attempts);
  }
  expect(fetched.reduce((sum, f) => sum + f.rows, 0)).toBeLessThan(1000);
  const lastByDuration = fetched.find(
    (f) =>
      f.search.get('sort_by') === 'duration_ms' && f.search.get('offset') === String(lastOffset),
  );
  expect(lastByDuration, 'the last page sorted by duration came from the server').toBeDefined();
  expect(lastByDuration!.rows).toBe(attempts - lastOffset);
  expect(lastByDuration!.search.get('limit')).toBe(String(PAGE_SIZE));
});
