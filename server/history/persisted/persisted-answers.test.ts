import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackRealRayRecording } from '../../../e2e/support/real-ray-fixture.ts';
import { generateSampleHistory } from '../../../scripts/sample/generate.ts';
import { apiPaths } from '../../../contract/paths.ts';
import type { SessionInfo } from '../../../contract/api.ts';
import { recordedSessions } from '../../fidelity/recorded-sessions.ts';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { FsStorage } from '../../storage/fs-storage.ts';
import type { Storage } from '../../storage/storage.ts';
import { appOver } from '../../test/storage-backends.ts';
import { SNAPSHOT_SUFFIX } from './snapshot-dir.ts';

// The API answers the same from a persisted snapshot as from a parse: a server parses every
// session of a history and persists it, a second server (a restart) answers from the snapshots,
// and every answer below is compared byte for byte — over a real Ray recording and a generated
// sample.

const PATHS = [
  '/summary',
  '/api/jobs/',
  '/nodes?view=summary',
  '/logical/actors',
  '/events',
  '/api/cluster_status',
  '/api/v0/workers?limit=10000',
  '/api/v0/tasks?limit=10000',
  '/api/v0/tasks?limit=50&sort_by=start_time_ms&order=desc',
  '/api/v0/tasks?limit=50&filter_keys=state&filter_predicates==&filter_values=FAILED',
  '/api/v0/tasks/summarize',
];

let snapshots: TempFolder;
let sample: TempFolder;

beforeAll(async () => {
  snapshots = await tempFolder();
  sample = await tempFolder();
  await generateSampleHistory({ out: sample.dir, seed: 11, tasks: 60 });
}, 60_000);
afterAll(async () => {
  await snapshots.remove();
  await sample.remove();
});

const scopeOf = (s: SessionInfo) => ({
  namespace: s.namespace,
  kind: s.kind,
  name: s.name,
  session: s.sessionName,
});

/** Storage over `root` that counts reads of event files (the work a snapshot saves). */
function countingStorage(root: string): { storage: Storage; eventFileReads: () => number } {
  const inner = new FsStorage(root);
  let reads = 0;
  const count = (key: string) => {
    if (/\/(node|job)_events\//.test(key)) reads++;
  };
  const storage: Storage = {
    description: inner.description,
    list: (prefix, options) => inner.list(prefix, options),
    stat: (key) => inner.stat(key),
    read: (key, range) => (count(key), inner.read(key, range)),
    stream: (key, range) => (count(key), inner.stream(key, range)),
  };
  return { storage, eventFileReads: () => reads };
}

async function answersOf(
  root: string,
  sessions: SessionInfo[],
): Promise<{ answers: Map<string, string>; eventFileReads: number }> {
  const { storage, eventFileReads } = countingStorage(root);
  const app = await appOver(storage, {
    SNAPSHOT_DIR: snapshots.dir,
    // The fixtures were written moments ago: count every session as ended.
    SNAPSHOT_QUIET_MINUTES: '0',
  });
  const answers = new Map<string, string>();
  try {
    for (const session of sessions)
      for (const path of PATHS) {
        const res = await app.inject(apiPaths.scoped(scopeOf(session), path));
        answers.set(`${session.sessionName}${path}`, `${res.statusCode} ${res.body}`);
      }
  } finally {
    await app.close();
  }
  return { answers, eventFileReads: eventFileReads() };
}

async function snapshotCount(): Promise<number> {
  return (await readdir(snapshots.dir)).filter((f) => f.endsWith(SNAPSHOT_SUFFIX)).length;
}

/** Snapshots are written after the answer; wait for `count` of them. */
async function snapshotsWritten(count: number): Promise<void> {
  for (let waited = 0; (await snapshotCount()) < count; waited += 50) {
    if (waited > 30_000) throw new Error(`${await snapshotCount()} snapshots, expected ${count}`);
    await sleep(50);
  }
}

describe.each([
  ['the real Ray recording', () => unpackRealRayRecording().historyRoot],
  ['a generated sample history', () => sample.dir],
])('a restart over %s', (_, rootOf) => {
  it('answers from persisted snapshots exactly what the parse answered', async () => {
    const root = rootOf();
    const sessions = recordedSessions(root);
    expect(sessions.length).toBeGreaterThan(0);
    const before = await snapshotCount();
    const parsed = await answersOf(root, sessions);
    await snapshotsWritten(before + sessions.length);
    const restarted = await answersOf(root, sessions);
    expect(parsed.eventFileReads).toBeGreaterThan(0);
    expect(restarted.eventFileReads).toBe(0);
    const ok = [...parsed.answers.values()].filter((a) => a.startsWith('200 '));
    expect(ok.length).toBeGreaterThan(sessions.length * 5);
    expect(Object.fromEntries(restarted.answers)).toEqual(Object.fromEntries(parsed.answers));
  }, 60_000);
});
