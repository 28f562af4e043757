import { pathToFileURL } from 'node:url';
import { E2E_HISTORY_DIR, E2E_S3_PORT, E2E_SERVER_ENV } from './constants.ts';
import { ensureE2eHistory } from './sample-history.ts';
import { startS3TestServer } from '../../server/test/s3-server.ts';
import { compiledServerEntry } from './compiled-server.ts';

// The e2e server for the `chromium-s3` project: the same sample history, uploaded to s3rver,
// and the real server reading it through S3Storage (STORAGE_URL=s3://…).
// The compiled server (npm run build), as production runs it; missing, this fails at once.
const server = pathToFileURL(compiledServerEntry()).href;
await ensureE2eHistory();
const s3 = await startS3TestServer();
await s3.uploadFolder(E2E_HISTORY_DIR, 'history/');
Object.assign(process.env, s3.env('history'), E2E_SERVER_ENV, {
  PORT: String(E2E_S3_PORT),
  HOST: '127.0.0.1',
});
const stop = () => void s3.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
await import(server);
