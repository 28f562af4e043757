import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { MANIFEST_FILE, type SampleManifest } from '../../scripts/sample/manifest.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { E2E_SCALE_DIR, E2E_SCALE_OPTIONS, E2E_SEED } from './constants.ts';
import { ensureSampleHistory } from './sample-history.ts';

// The server the scale spec browses. In `npm test`: its own in-process server on the cached
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
  const config = loadConfig({
    STORAGE_URL: pathToFileURL(E2E_SCALE_DIR).href,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const app: FastifyInstance = await buildApp({ config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    manifest,
    requestedTasks: E2E_SCALE_OPTIONS.tasks,
    close: async () => {
      // A cold load still running (after a failure) must not hold the close: drop its connection.
      app.server.closeAllConnections();
      await app.close();
    },
  };
}

export function scaleTarget(): Promise<ScaleTarget> {
  const origin = process.env.SCALE_ORIGIN;
  const sampleDir = process.env.SCALE_SAMPLE_DIR;
  if (origin && sampleDir) return Promise.resolve(benchTarget(origin, sampleDir));
  if (origin || sampleDir) throw new Error('SCALE_ORIGIN and SCALE_SAMPLE_DIR go together');
  return ownTarget();
}
