import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 8181);
/** The `chromium-s3` project's server: the same sample, read from s3rver. */
export const E2E_S3_PORT = Number(process.env.E2E_S3_PORT ?? 8182);
/** The sample history the e2e server reads; deterministic (seed 1). */
export const E2E_HISTORY_DIR = path.resolve('.tmp/e2e-history');
export const E2E_SEED = 1;
/** Generator options of the e2e sample; `logMb` makes one multi-megabyte log for paging tests. */
export const E2E_SAMPLE_OPTIONS = { logMb: 3 } as const;
/** The scale spec's sample: 100k task attempts in its first session (the bench runs a million). */
export const E2E_SCALE_DIR = path.resolve('.tmp/e2e-scale-100k');
export const E2E_SCALE_OPTIONS = { tasks: 100_000 } as const;
/**
 * Settings of every server the e2e starts: no snapshot files. SNAPSHOT_DIR defaults to the OS
 * temp folder, which outlives a run: a second run on the same machine answered from the first
 * one's snapshots and skipped the cold parses a fresh CI machine does (the scale spec's 100k
 * attempts among them), and every run spent CPU encoding snapshots no later server read.
 */
export const E2E_SERVER_ENV = { SNAPSHOT_DIR_MAX_MB: '0' } as const;
