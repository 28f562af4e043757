import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 8181);
/** The sample history the e2e server reads; generated once, deterministic (seed 1). */
export const E2E_HISTORY_DIR = path.resolve('.tmp/e2e-history');
export const E2E_SEED = 1;
