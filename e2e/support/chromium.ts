import type { LaunchOptions } from '@playwright/test';

// How every browser here is launched: Debian's Chromium (never a downloaded one), quiet flags.

const ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The bench's browser (time to first row, SPA and paging checks): the full Chromium. */
export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ARGS,
};

/**
 * The e2e suite's browser: Debian's `chromium-headless-shell`, the headless-only build of the
 * same Chromium release (what Playwright itself runs headless by default). Same Blink and Skia:
 * the visual baselines match it pixel for pixel; it used about a fifth less CPU than the full
 * browser over the same specs (docs/testing.md). E2E_CHROMIUM_PATH names another build.
 */
export const E2E_CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: process.env.E2E_CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
  args: ARGS,
};
