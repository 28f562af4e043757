import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// npm run build:server: the HistoryServer as JavaScript in dist-server/, run by `npm start` and
// the container image with production dependencies only (no tsx, no src/). One bundle of our
// code (server/ and what it imports from contract/), dependencies left to node_modules; the parse
// worker is an entry point of its own, and every file lands in dist-server/ itself, so paths
// taken from import.meta.url (the repo root, the worker) hold as they do in the sources.

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const SERVER_ENTRY_POINTS = {
  index: 'server/index.ts',
  'parse-worker': 'server/history/ingest/parse-worker.ts',
  'regex-worker': 'server/history/logs/regex-worker.ts',
};

export async function buildServer(outdir = join(REPO, 'dist-server')): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: REPO,
    entryPoints: SERVER_ENTRY_POINTS,
    outdir,
    bundle: true,
    // The sample generator (no STORAGE_URL) is imported lazily: a chunk loaded only then.
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  await buildServer();
  console.log(`dist-server/ built in ${Math.round(performance.now() - started)} ms`);
}
