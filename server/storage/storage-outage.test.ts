import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleHistory } from '../../scripts/sample/generate.ts';
import type { ManifestSession, SampleManifest } from '../../scripts/sample/manifest.ts';
import { apiPaths } from '../../contract/paths.ts';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { s3Backend, appOver, type OpenedHistory } from '../test/storage-backends.ts';
import type { Storage } from './storage.ts';

// The object store stops in the middle of loading a session: that request answers a clear 503,
// sessions already loaded keep being served, and the failed session loads in full once the
// store is back (nothing half-loaded was kept).

let history: TempFolder;
let manifest: SampleManifest;
let opened: OpenedHistory;
let app: FastifyInstance;
/** Key prefix whose first read stops the store, once. */
let stopOnFirstReadUnder: string | null = null;

function scopeOf(s: ManifestSession) {
  return { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
}
const summaryOf = (s: ManifestSession) => app.inject(apiPaths.scoped(scopeOf(s), '/summary'));

/** Passes every call through, but stops the store on the first read of the watched session. */
function withOutage(storage: Storage): Storage {
  const trip = async (key: string) => {
    if (stopOnFirstReadUnder && key.includes(stopOnFirstReadUnder)) {
      stopOnFirstReadUnder = null;
      await opened.s3!.stop();
    }
  };
  return {
    description: storage.description,
    list: (prefix, options) => storage.list(prefix, options),
    stat: (key) => storage.stat(key),
    read: async (key, range) => (await trip(key), storage.read(key, range)),
    stream: async (key, range) => (await trip(key), storage.stream(key, range)),
  };
}

beforeAll(async () => {
  history = await tempFolder();
  manifest = await generateSampleHistory({ out: history.dir, seed: 11, tasks: 40 });
  opened = await s3Backend.open(history.dir);
  // The session index stays cached, as in production between its refreshes.
  app = await appOver(withOutage(opened.storage), { SESSION_INDEX_TTL_SECONDS: '3600' });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await opened?.close();
  await history?.remove();
});

describe('object store outage', () => {
  it('answers 503 for the session being loaded, keeps serving others, then recovers', async () => {
    const [loaded, failing] = manifest.sessions;
    expect((await summaryOf(loaded!)).statusCode).toBe(200);
    const expectedSummary = (await summaryOf(loaded!)).json();

    stopOnFirstReadUnder = failing!.sessionName;
    const failed = await summaryOf(failing!);
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({
      statusCode: 503,
      message: 'History storage is unavailable; try again shortly',
    });

    const stillServed = await summaryOf(loaded!);
    expect(stillServed.statusCode).toBe(200);
    expect(stillServed.json()).toEqual(expectedSummary);

    await opened.s3!.start();
    const recovered = await summaryOf(failing!);
    expect(recovered.statusCode).toBe(200);
    const nodes = recovered.json().nodes;
    expect(nodes.total).toBe(failing!.nodes.length);
    const jobs = await app.inject(apiPaths.scoped(scopeOf(failing!), '/api/jobs/'));
    expect(jobs.json()).toHaveLength(failing!.jobs.length);
  }, 60_000);
});
