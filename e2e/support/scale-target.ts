import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MANIFEST_FILE, type SampleManifest } from '../../scripts/sample/manifest.ts';
import { startCompiledServer } from './compiled-server.ts';
import { E2E_SCALE_DIR, E2E_SCALE_OPTIONS, E2E_SEED } from './constants.ts';
import { ensureSampleHistory } from './sample-history.ts';

// The server the scale spec browses. In `npm test`: its own compiled server on the cached
// 100k-attempt sample. In `npm run bench`: the bench's warm server on its million-attempt sample,
// named by SCALE_ORIGIN and SCALE_SAMPLE_DIR, so the same assertions run at a million.

export interface ScaleTarget {
  origin: string;
  manifest: SampleManifest;
  /** Task attempts the sample was generated with (its biggest session holds at least these). */
  requestedTasks: number;
  close(): Promise<void>;
}

function benchTarget(origin: string, sampleDir: string): ScaleTarget {
  const manifest = JSON.parse(
    readFileSync(path.join(sampleDir, MANIFEST_FILE), 'utf8'),
  ) as SampleManifest;
  return { origin, manifest, requestedTasks: manifest.options.tasks, close: async () => {} };
}

async function ownTarget(): Promise<ScaleTarget> {
  const manifest = await ensureSampleHistory(E2E_SCALE_DIR, E2E_SEED, E2E_SCALE_OPTIONS);
  // The compiled server, as production runs it: this session is big enough for parse workers.
  const server = await startCompiledServer({
    STORAGE_URL: pathToFileURL(E2E_SCALE_DIR).href,
    LOG_LEVEL: 'warn',
  });
  return {
    origin: server.origin,
    manifest,
    requestedTasks: E2E_SCALE_OPTIONS.tasks,
    close: server.stop,
  };
}

export function scaleTarget(): Promise<ScaleTarget> {
  const origin = process.env.SCALE_ORIGIN;
  const sampleDir = process.env.SCALE_SAMPLE_DIR;
  if (origin && sampleDir) return Promise.resolve(benchTarget(origin, sampleDir));
  if (origin || sampleDir) throw new Error('SCALE_ORIGIN and SCALE_SAMPLE_DIR go together');
  return ownTarget();
}
