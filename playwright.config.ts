import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './e2e/support/chromium.ts';
import { E2E_PORT, E2E_S3_PORT } from './e2e/support/constants.ts';

// End-to-end tests: Debian's Chromium against the real server on the generated
// sample history, read from a folder (`chromium`) and from object storage on s3rver
// (`chromium-s3`). Specs that need another server start their own (auth, Prometheus, the
// 100k-attempt scale spec).

/**
 * The sample-history specs that also run on s3rver: between them they list clusters, load and
 * resolve sessions, read log ranges and search logs, each way the server reads storage. The
 * other views render the same API answers whatever the backend, so they run once.
 */
const STORAGE_SPECS = ['sessions.spec.ts', 'logs.spec.ts'];

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: CHROMIUM_LAUNCH_OPTIONS,
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // One worker per core of the 2-core CI machine: the server and the browser share them.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    // Recording a trace (screencast frames and a DOM snapshot per action) took about a third of
    // the CPU of the pages and visual specs, thrown away for every test that passes. On CI, where
    // a failed test is retried, only the retry records one; locally (no retries) every test still
    // records and keeps the trace of a failure.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Workers take files in this order. The s3 project's two files, whose "load earlier" test is
  // the suite's longest, go first: last, they kept one worker busy while the other sat idle.
  projects: [
    {
      // The storage specs against the same sample history, read from object storage (s3rver).
      // Axe scans check rendering, not storage, so they run once (in `chromium`).
      name: 'chromium-s3',
      testMatch: STORAGE_SPECS,
      metadata: { axe: false },
      use: { ...chromium, baseURL: `http://127.0.0.1:${E2E_S3_PORT}` },
    },
    {
      name: 'chromium',
      use: { ...chromium },
    },
  ],
  webServer: [
    {
      command: 'node --import tsx e2e/support/start-server.ts',
      url: `http://127.0.0.1:${E2E_PORT}/readz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node --import tsx e2e/support/s3-start-server.ts',
      url: `http://127.0.0.1:${E2E_S3_PORT}/readz`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
