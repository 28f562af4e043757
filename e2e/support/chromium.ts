import type { LaunchOptions } from '@playwright/test';

// How every browser here is launched: Debian's Chromium (never a downloaded one), quiet flags.
// Shared by playwright.config.ts and the bench's time-to-first-row.

export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
