import { pathToFileURL } from 'node:url';
import { E2E_HISTORY_DIR, E2E_PORT, E2E_SERVER_ENV } from './constants.ts';
import { ensureE2eHistory } from './sample-history.ts';
import { compiledServerEntry } from './compiled-server.ts';

// Generates the sample history (when needed) and starts the real server on it, for Playwright.
// The compiled server (npm run build), as production runs it; missing, this fails at once.
const server = pathToFileURL(compiledServerEntry()).href;
await ensureE2eHistory();
process.env.STORAGE_URL = pathToFileURL(E2E_HISTORY_DIR).href;
process.env.PORT = String(E2E_PORT);
process.env.HOST = '127.0.0.1';
Object.assign(process.env, E2E_SERVER_ENV);
await import(server);
