import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import { featuredSessions, sampleManifest } from './support/sample.ts';

// Screenshot comparisons of the main views on the deterministic sample (seed 1), at a desktop
// and a phone width, in both themes. Baselines are Debian Chromium's rendering, committed next
// to this file; after a change to how a view looks, look at the new images and regenerate with
//   npm run build && npx playwright test e2e/visual.spec.ts --update-snapshots
// Time is frozen (ages like "10 months ago" read the same on every run) and shown in UTC.

const manifest = sampleManifest();
const failed = manifest.failedRayJob;
const first = featuredSessions(manifest)[0]!;
const scopeOf = (sessionName: string) => {
  const s = manifest.sessions.find((x) => x.sessionName === sessionName)!;
  return { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
};
const failedScope = scopeOf(failed.sessionName);
const firstScope = scopeOf(first.sessionName);
const driverLog = /([^/]+)\/logs\/(.+)$/.exec(failed.driverLogKey)!;

/** A view: where it is, and what shows that it has finished loading. */
interface View {
  name: string;
  url: string;
  ready: (page: Page) => Promise<void>;
  /** Views with a log terminal: xterm fits its columns to the width as its font loads, so
   * where a long last line wraps can differ by a few columns from run to run. */
  terminal?: boolean;
  /** Parts left out of the comparison (painted over), with why. */
  mask?: (page: Page) => Locator[];
}

/** Pixels a terminal's late re-fit may move (one wrapped line); anything larger fails. */
const TERMINAL_REFLOW_PIXELS = 1_000;

const tableRows = async (page: Page) => {
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
};

const VIEWS: View[] = [
  {
    name: 'sessions',
    url: paths.clusters(),
    // Outcomes are computed in the background on a cold server; the list asks again.
    ready: async (page) => {
      await expect(page.locator('.session-outcome').first()).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText('not computed yet…')).toHaveCount(0, { timeout: 20_000 });
    },
  },
  {
    name: 'overview',
    url: paths.session(firstScope),
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'At a glance' })).toBeVisible();
      await expect(page.getByText('Loading…')).toHaveCount(0);
    },
  },
  { name: 'jobs', url: paths.jobs(firstScope), ready: tableRows },
  {
    name: 'job-failed',
    url: paths.job(failedScope, failed.jobId),
    // The inline driver-log tail scrolls to the end as its rows arrive, so which line is on top
    // varies by one from run to run; the terminal's look is log-viewer-drawing.spec.ts's.
    mask: (page) => [page.locator('.log-viewer__terminal')],
    ready: async (page) => {
      await expect(page.getByLabel('Exception')).toBeVisible();
      await expect(page.getByRole('link', { name: 'its stderr lines' })).toBeVisible();
      await expect(page.getByRole('group', { name: 'Task attempts by state' })).toBeVisible();
    },
  },
  { name: 'tasks', url: paths.tasks(firstScope), ready: tableRows },
  { name: 'actors', url: paths.actors(firstScope), ready: tableRows },
  { name: 'nodes', url: paths.nodes(firstScope), ready: tableRows },
  {
    name: 'log',
    url: paths.logFile(failedScope, driverLog[1]!, driverLog[2]!),
    terminal: true,
    ready: async (page) => {
      await expect(page.getByTestId('log-text')).toContainText(failed.tracebackLastLine);
    },
    // Which line the terminal shows on top still varies by one between runs (as on the job
    // page), so its rows are painted over; how they are drawn is log-viewer-drawing.spec.ts's.
    mask: (page) => [page.locator('.log-viewer__terminal .xterm-screen')],
  },
];

const SIZES = [
  { label: '1440', viewport: { width: 1440, height: 900 } },
  { label: '390', viewport: { width: 390, height: 844 } },
] as const;

type Theme = 'light' | 'dark';
/**
 * Each view is loaded once per size and shot in both themes, the second after the system theme
 * flips under the loaded page (half the page loads). Which theme the page loads in alternates
 * with the size, so every view is still compared as loaded in light and as loaded in dark, and
 * as switched in each direction.
 */
const THEME_ORDER: Record<(typeof SIZES)[number]['label'], readonly [Theme, Theme]> = {
  '1440': ['light', 'dark'],
  '390': ['dark', 'light'],
};

test.use({ timezoneId: 'UTC', locale: 'en-US' });
// The screenshots are independent: both workers share them, so this long file never runs
// alone at the end of the suite.
test.describe.configure({ mode: 'parallel' });

async function expectLooksLikeBaseline(page: Page, view: View, size: string, theme: Theme) {
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.evaluate('document.fonts.ready');
  await expect(page).toHaveScreenshot(`${view.name}-${size}-${theme}.png`, {
    maxDiffPixels: view.terminal ? TERMINAL_REFLOW_PIXELS : 0,
    mask: view.mask?.(page),
  });
}

for (const size of SIZES) {
  const [loadedIn, switchedTo] = THEME_ORDER[size.label];
  test.describe(`${size.label} px, loaded ${loadedIn}, then ${switchedTo}`, () => {
    test.use({ viewport: size.viewport, colorScheme: loadedIn });
    for (const view of VIEWS) {
      test(view.name, async ({ page }) => {
        await page.clock.setFixedTime(new Date('2026-02-01T00:00:00Z'));
        await page.goto(view.url);
        await view.ready(page);
        await expectLooksLikeBaseline(page, view, size.label, loadedIn);
        await page.emulateMedia({ colorScheme: switchedTo });
        await expectLooksLikeBaseline(page, view, size.label, switchedTo);
      });
    }
  });
}
