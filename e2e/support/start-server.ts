import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateSampleHistory } from '../../scripts/sample/generate.ts';
import { E2E_HISTORY_DIR, E2E_PORT, E2E_SEED } from './constants.ts';

// Generates the sample history (once) and starts the real server on it, for Playwright's webServer.
if (!existsSync(path.join(E2E_HISTORY_DIR, 'sample-manifest.json'))) {
  await generateSampleHistory({ out: E2E_HISTORY_DIR, seed: E2E_SEED });
}
process.env.STORAGE_URL = pathToFileURL(E2E_HISTORY_DIR).href;
process.env.PORT = String(E2E_PORT);
process.env.HOST = '127.0.0.1';
await import('../../server/index.ts');
