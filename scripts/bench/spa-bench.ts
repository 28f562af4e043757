import { join } from 'node:path';
import { chromium, devices, type Browser } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../e2e/support/chromium.ts';
import { paths } from '../../contract/paths.ts';
import { checkBundleBudgets, routeBundles, type BundleCheck } from '../bundle-size.ts';
import type { ManifestSession } from '../sample/manifest.ts';
import type { PagingCheck } from './paging-check.ts';
import { msToFirstRow } from './first-row.ts';
import { attemptCount, scopeOf } from './samples.ts';
import { median } from './stats.ts';

// The SPA: gzip JavaScript per route against its budget (deterministic), and time to the first
// table row of the tasks view in Chromium — the million-attempt session against a small one on
// the same warm server, so the ratio shows what the session's size costs the page. The paging
// check (paging-check.ts) then browses the big session's pages.

export function bundleChecks(repo: string): BundleCheck[] {
  return checkBundleBudgets(routeBundles(join(repo, 'dist')));
}

export interface SpaResult {
  bundles: BundleCheck[];
  /** The big session first, then the small baseline session. */
  firstRow: FirstRow[];
  /** The scale spec's paging flow on the big session; null when it was not run. */
  paging: PagingCheck | null;
}

export interface FirstRow {
  session: string;
  attempts: number;
  /** Each timed load, ms from navigation start to the first data row in the DOM. */
  runsMs: number[];
  medianMs: number;
}

const FIRST_ROW_TIMEOUT_MS = 60_000;

/** One page load in a fresh context (empty cache): navigation start → first task row. */
async function firstRowMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ ...devices['Desktop Chrome'] });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit', timeout: FIRST_ROW_TIMEOUT_MS });
    return await msToFirstRow(page, FIRST_ROW_TIMEOUT_MS);
  } finally {
    await context.close();
  }
}

export async function timeToFirstRow(
  origin: string,
  sessions: ManifestSession[],
  runs: number,
): Promise<FirstRow[]> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const results: FirstRow[] = [];
    for (const s of sessions) {
      const url = `${origin}${paths.tasks(scopeOf(s))}`;
      console.log(`Time to first row: ${s.sessionName} (${attemptCount(s)} attempts) ...`);
      await firstRowMs(browser, url); // Warm-up: Chromium's own start-up costs, server JIT.
      const runsMs: number[] = [];
      for (let r = 0; r < runs; r++) runsMs.push(await firstRowMs(browser, url));
      results.push({
        session: s.sessionName,
        attempts: attemptCount(s),
        runsMs,
        medianMs: median(runsMs),
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}
