import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../e2e/support/chromium.ts';

// Playwright config of the bench's paging check: only the scale spec, against the server the
// bench already runs (SCALE_ORIGIN, SCALE_SAMPLE_DIR), so no web server of its own.

export default defineConfig({
  testDir: '../../e2e',
  testMatch: 'tasks-scale.spec.ts',
  workers: 1,
  retries: 0,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../../test-results/bench-paging',
  use: { ...devices['Desktop Chrome'], launchOptions: CHROMIUM_LAUNCH_OPTIONS },
});
