import { chromium, devices, type Browser } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../e2e/support/chromium.ts';
import { recordRequests, ROUND_TRIP_MS, wavesOf } from '../../e2e/support/request-waves.ts';
import { paths } from '../../contract/paths.ts';
import type { ManifestSession } from '../sample/manifest.ts';
import { msToFirstRow } from './first-row.ts';
import { scopeOf } from './samples.ts';
import { median } from './stats.ts';

// A job page opened from a pasted link: how many sequential round trips after the HTML its first
// row waits on (the page's code and the jobs API answer), and the time to that row, in a fresh
// browser context each time (nothing cached), with every request delayed by one round trip of
// ROUND_TRIP_MS as for a user away from the server.

export interface FirstPaintResult {
  session: string;
  /** Deepest request wave among what the first row needs (the page document is wave 0). */
  waves: number;
  roundTripMs: number;
  /** Each timed load, ms from navigation start to the first job row. */
  runsMs: number[];
  medianMs: number;
}

/** What the jobs list's first row needs: its page code and the jobs API answer. */
const NEEDS = [/\/assets\/JobsPage-[^/]+\.js$/, /\/api\/jobs\/$/];

async function loadOnce(browser: Browser, url: string): Promise<{ ms: number; waves: number }> {
  const context = await browser.newContext({ ...devices['Desktop Chrome'] });
  try {
    const page = await context.newPage();
    const requests = await recordRequests(page);
    await page.goto(url, { waitUntil: 'commit' });
    const ms = await msToFirstRow(page, 60_000);
    const waves = wavesOf(requests());
    const needed = NEEDS.map((need) => waves.find((r) => need.test(new URL(r.url).pathname)));
    if (needed.some((r) => !r))
      throw new Error(`The jobs page did not request ${NEEDS.join(' and ')}`);
    const deepest = Math.max(...needed.map((r) => r!.wave));
    return { ms, waves: deepest };
  } finally {
    await context.close();
  }
}

export async function jobPageFirstPaint(
  origin: string,
  session: ManifestSession,
  runs: number,
): Promise<FirstPaintResult> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const url = `${origin}${paths.jobs(scopeOf(session))}`;
    console.log(`First job row: ${session.sessionName} ...`);
    await loadOnce(browser, url); // Warm-up: Chromium's start-up, the server's JIT and cache.
    const loads: { ms: number; waves: number }[] = [];
    for (let r = 0; r < runs; r++) loads.push(await loadOnce(browser, url));
    const runsMs = loads.map((l) => l.ms);
    return {
      session: session.sessionName,
      roundTripMs: ROUND_TRIP_MS,
      waves: Math.max(...loads.map((l) => l.waves)),
      runsMs,
      medianMs: median(runsMs),
    };
  } finally {
    await browser.close();
  }
}
