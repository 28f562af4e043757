import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 8181);
/** The `chromium-s3` project's server: the same sample, read from s3rver. */
export const E2E_S3_PORT = Number(process.env.E2E_S3_PORT ?? 8182);
/** The sample history the e2e server reads; deterministic (seed 1). */
export const E2E_HISTORY_DIR = path.resolve('.tmp/e2e-history');
export const E2E_SEED = 1;
/** Generator options of the e2e sample; `logMb` makes one multi-megabyte log for paging tests. */
export const E2E_SAMPLE_OPTIONS = { logMb: 3 } as const;
/** The large sample (a million task attempts in its first session) for the scale test. */
export const E2E_MILLION_DIR = path.resolve('.tmp/e2e-million');
export const E2E_MILLION_OPTIONS = { tasks: 1_000_000 } as const;
