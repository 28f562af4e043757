import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../contract/api.ts';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { FsStorage } from '../../storage/fs-storage.ts';
import { startS3TestServer, TEST_BUCKET, type S3TestServer } from '../../test/s3-server.ts';
import type { Storage } from '../../storage/storage.ts';
import {
  TASK_SORT_KEYS,
  listActors,
  listEvents,
  listJobs,
  nodeSummary,
  queryTasks,
  sessionSummary,
} from '../events/index.ts';
import { StringPool } from '../events/string-pool.ts';
import { taskIdOf } from '../events/task-ids.ts';
import type { TaskTable } from '../events/task-table.ts';
import * as s from '../../test/session.ts';
import type { LoadedSession } from '../ingest/load-session.ts';
import { sessionDir } from '../layout.ts';
import { PersistedSnapshots, type LoadSource } from './persisted-snapshots.ts';
import { SharedSnapshots } from './shared-snapshots.ts';
import { SnapshotDir, SNAPSHOT_SUFFIX } from './snapshot-dir.ts';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT_VERSION } from './snapshot-format.ts';
import { session } from '../../test/session-routes.ts';

// A persisted snapshot answers exactly what a parse answers, and is only trusted when it is
// whole, of this format version and built from the session's current files; anything else is
// rejected, rebuilt from the events, and rewritten.

const jsonLines = (items: unknown[]) => items.map((e) => JSON.stringify(e)).join('\n') + '\n';
const HEAD_EVENTS = `${s.HEAD}/node_events/${s.HEAD}-2026-01-11-19.jsonl`;

let history: TempFolder;
let snapshots: TempFolder;
let storage: Storage;

beforeEach(async () => {
  history = await tempFolder();
  snapshots = await tempFolder();
  storage = new FsStorage(history.dir);
  const events = s.sessionEvents();
  const half = Math.ceil(events.length / 2);
  const put = (relative: string, content: string) =>
    history.write(`${sessionDir(session)}${relative}`, content);
  await put(HEAD_EVENTS, jsonLines(events.slice(0, half)));
  await put(
    `${s.WORKER_NODE}/node_events/${s.WORKER_NODE}-2026-01-11-19.jsonl`,
    `${jsonLines(events.slice(half))}{not json\n`,
  );
  await put(`${s.HEAD}/logs/events/event_GCS.log`, jsonLines(s.legacyEvents().map((e) => e.json)));
  await put(`${s.HEAD}/logs/debug_state.txt`, s.HEAD_DEBUG_STATE);
}, 30_000);
afterEach(async () => {
  await history.remove();
  await snapshots.remove();
}, 30_000);

interface Replica {
  persisted: PersistedSnapshots;
  load(): Promise<{ loaded: LoadedSession; source: LoadSource; warnings: string[] }>;
}

/** A server process's view: its own PersistedSnapshots over the shared folder (a restart = a new one). */
function replica(
  options: {
    dir?: string | null;
    shared?: SharedSnapshots | null;
    quietMs?: number;
    sessions?: SessionInfo[];
  } = {},
): Replica {
  const dir = options.dir === undefined ? snapshots.dir : options.dir;
  const persisted = new PersistedSnapshots({
    storage,
    dir: dir === null ? null : new SnapshotDir({ dir, maxBytes: 64 * 1024 * 1024 }),
    shared: options.shared ?? null,
    // Every file of the fixture was written moments ago: quiet 0 = "ended".
    ended: { sessions: async () => options.sessions ?? [session], quietMs: options.quietMs ?? 0 },
  });
  return {
    persisted,
    async load() {
      const warnings: string[] = [];
      let source: LoadSource | undefined;
      const loaded = await persisted.load(session, {
        workers: 0,
        warn: (message) => warnings.push(message),
        onSource: (from) => (source = from),
      });
      await persisted.idle();
      return { loaded, source: source!, warnings };
    },
  };
}

function answers({ snapshot, report }: LoadedSession): unknown {
  return JSON.parse(
    JSON.stringify({
      report,
      summary: sessionSummary(snapshot, report),
      jobs: listJobs(snapshot),
      nodes: nodeSummary(snapshot),
      actors: listActors(snapshot),
      events: listEvents(snapshot),
      tasks: TASK_SORT_KEYS.map((sortBy) =>
        queryTasks(snapshot, { sortBy, excludeDriver: false, limit: 1_000 }),
      ),
    }),
  ) as unknown;
}

const snapshotFiles = async (dir = snapshots.dir) =>
  (await readdir(dir)).filter((f) => f.endsWith(SNAPSHOT_SUFFIX));

async function onlySnapshotPath(): Promise<string> {
  const files = await snapshotFiles();
  expect(files).toHaveLength(1);
  return join(snapshots.dir, files[0]!);
}

describe('a persisted snapshot', () => {
  it('is written after the parse of an ended session and answers the same after a restart', async () => {
    const first = await replica().load();
    expect(first.source).toBe('parsed');
    expect(first.loaded.snapshot.tasks.count).toBeGreaterThan(5);
    expect(await snapshotFiles()).toHaveLength(1);

    const restarted = await replica().load();
    expect(restarted.source).toBe('local snapshot');
    expect(restarted.warnings).toEqual([]);
    expect(answers(restarted.loaded)).toEqual(answers(first.loaded));
  });

  it('keeps non-ASCII strings exactly (names and messages are not all ASCII like task ids)', async () => {
    const { loaded } = await replica({ dir: null }).load();
    const pool = new StringPool();
    for (const value of [...loaded.snapshot.tasks.pool.values, 'héllo 训练 🚀']) pool.intern(value);
    const tasks = { ...loaded.snapshot.tasks, pool };
    const encoded = encodeSnapshot(
      { ...loaded, snapshot: { ...loaded.snapshot, tasks } },
      {
        files: [],
        nodesWithoutLogs: [],
      },
    );
    const decoded = decodeSnapshot(Buffer.concat(encoded.chunks), session).loaded.snapshot.tasks;
    expect(decoded.pool.values).toEqual(pool.values);
    expect(decoded.pool.idOf('héllo 训练 🚀')).toBe(pool.size - 1);
    const ids = (t: TaskTable) => Array.from({ length: t.count }, (_, row) => taskIdOf(t, row));
    expect(ids(decoded)).toEqual(ids(loaded.snapshot.tasks));
    expect(decoded.oddTaskIds).toEqual(loaded.snapshot.tasks.oddTaskIds);
  });

  it('takes span rows only in ascending order and within the table', async () => {
    const { loaded } = await replica({ dir: null }).load();
    const withSpanRows = (rows: number[]) => {
      const spans = rows.length;
      const tasks = {
        ...loaded.snapshot.tasks,
        spanRow: Int32Array.from(rows),
        spanName: new Int32Array(spans),
        spanWorker: new Int32Array(spans),
        spanNodeIp: new Int32Array(spans),
        spanStart: new Float64Array(spans),
        spanEnd: new Float64Array(spans),
      };
      const encoded = encodeSnapshot(
        { ...loaded, snapshot: { ...loaded.snapshot, tasks } },
        { files: [], nodesWithoutLogs: [] },
      );
      return () => decodeSnapshot(Buffer.concat(encoded.chunks), session);
    };
    const last = loaded.snapshot.tasks.count - 1;
    expect([...withSpanRows([0, 0, last])().loaded.snapshot.tasks.spanRow]).toEqual([0, 0, last]);
    expect(withSpanRows([1, 0])).toThrow(/span rows/);
    expect(withSpanRows([last + 1])).toThrow(/span rows/);
    expect(withSpanRows([-1])).toThrow(/span rows/);
  });

  const tamperings: [string, (bytes: Buffer) => Buffer, RegExp][] = [
    [
      'of another format version',
      (bytes) => {
        const copy = Buffer.from(bytes);
        copy.writeUInt32LE(SNAPSHOT_FORMAT_VERSION + 1, 8);
        return copy;
      },
      /format version/,
    ],
    [
      'written by other server code',
      (bytes) => {
        const copy = Buffer.from(bytes);
        copy[72]! ^= 0x01;
        return copy;
      },
      /other server code/,
    ],
    ['truncated', (bytes) => bytes.subarray(0, Math.floor(bytes.length * 0.6)), /header says/],
    ['cut inside its header', (bytes) => bytes.subarray(0, 20), /shorter than its header/],
    [
      'with one bit flipped',
      (bytes) => {
        const copy = Buffer.from(bytes);
        copy[Math.floor(copy.length / 2)]! ^= 0x10;
        return copy;
      },
      /checksum/,
    ],
    [
      'not a snapshot at all',
      () => Buffer.from('{"tasks": []}'),
      /shorter than its header|not a snapshot/,
    ],
  ];

  it.each(tamperings)(
    '%s is rejected, rebuilt with correct answers and rewritten',
    async (_, tamper, reason) => {
      const parsed = await replica().load();
      const path = await onlySnapshotPath();
      const good = await readFile(path);
      await writeFile(path, tamper(good));

      const afterTamper = await replica().load();
      expect(afterTamper.source).toBe('parsed');
      expect(afterTamper.warnings.join('\n')).toMatch(reason);
      expect(answers(afterTamper.loaded)).toEqual(answers(parsed.loaded));
      // Rewritten whole: the next restart trusts it again.
      expect(await readFile(path)).toEqual(good);
      expect((await replica().load()).source).toBe('local snapshot');
    },
  );

  it('is rejected when a source file changed, and the rebuild answers from the new files', async () => {
    const before = await replica().load();
    // The collector re-uploaded the head's events with one more finished task.
    const extra = s.sessionEvents().slice(0, 2);
    await history.write(
      `${sessionDir(session)}${HEAD_EVENTS}`,
      jsonLines([...s.sessionEvents().slice(0, Math.ceil(s.sessionEvents().length / 2)), ...extra]),
    );
    const fresh = await replica({ dir: null }).load();

    const after = await replica().load();
    expect(after.source).toBe('parsed');
    expect(after.warnings.join('\n')).toMatch(/stale: source file .* changed/);
    expect(answers(after.loaded)).toEqual(answers(fresh.loaded));
    expect(answers(after.loaded)).not.toEqual(answers(before.loaded));
    expect((await replica().load()).source).toBe('local snapshot');
  });

  it('is rejected when a source file appeared (a node uploaded more events)', async () => {
    await replica().load();
    await history.write(
      `${sessionDir(session)}${s.HEAD}/node_events/${s.HEAD}-2026-01-11-20.jsonl`,
      jsonLines(s.sessionEvents().slice(0, 1)),
    );
    const after = await replica().load();
    expect(after.source).toBe('parsed');
    expect(after.warnings.join('\n')).toMatch(/stale: 4 source files then, 5 now/);
  });
});

describe('a still-uploading session', () => {
  it('is not persisted while its files are fresh and its cluster has no newer session', async () => {
    const loaded = await replica({ quietMs: 10 * 60_000 }).load();
    expect(loaded.source).toBe('parsed');
    expect(await snapshotFiles()).toEqual([]);
    expect((await replica({ quietMs: 10 * 60_000 }).load()).source).toBe('parsed');
  });

  it('is persisted once its cluster started a newer session', async () => {
    const newer = {
      ...session,
      sessionName: 'session_2026-01-12_08-00-00_000000_1',
      startTime: Date.UTC(2026, 0, 12, 8),
    };
    await replica({ quietMs: 10 * 60_000, sessions: [newer, session] }).load();
    expect(await snapshotFiles()).toHaveLength(1);
  });

  it('is not persisted when only another cluster has a newer session', async () => {
    const elsewhere = {
      ...session,
      name: 'other',
      clusterName: 'other',
      startTime: Date.UTC(2026, 1, 1),
    };
    await replica({ quietMs: 10 * 60_000, sessions: [elsewhere, session] }).load();
    expect(await snapshotFiles()).toEqual([]);
  });
});

describe('snapshots shared through SNAPSHOT_URL (s3rver)', () => {
  let s3: S3TestServer;
  const shared = () =>
    new SharedSnapshots({
      client: s3.client,
      bucket: TEST_BUCKET,
      prefix: 'snapshots/',
      description: `s3://${TEST_BUCKET}/snapshots/`,
    });
  beforeAll(async () => {
    s3 = await startS3TestServer();
  }, 60_000);
  afterAll(() => s3.close());

  it('lets a second replica read what the first one parsed, and keeps a local copy', async () => {
    const first = await replica({ shared: shared() }).load();
    expect(first.source).toBe('parsed');
    const objects = (await s3.storage('snapshots/').list('')).entries.map((e) => e.key);
    expect(objects).toEqual([replica().persisted.nameOf(session) + SNAPSHOT_SUFFIX]);

    const otherDisk = await tempFolder();
    try {
      const second = await replica({ dir: otherDisk.dir, shared: shared() }).load();
      expect(second.source).toBe('shared snapshot');
      expect(answers(second.loaded)).toEqual(answers(first.loaded));
      expect(await snapshotFiles(otherDisk.dir)).toEqual(objects);
      const restarted = await replica({ dir: otherDisk.dir, shared: shared() }).load();
      expect(restarted.source).toBe('local snapshot');
    } finally {
      await otherDisk.remove();
    }
  });

  it('rebuilds and replaces a corrupt shared snapshot', async () => {
    const writer = replica({ dir: null, shared: shared() });
    const first = await writer.load();
    const key = writer.persisted.nameOf(session) + SNAPSHOT_SUFFIX;
    const good = await s3.storage('snapshots/').read(key);
    await s3.put(`snapshots/${key}`, good.subarray(0, good.length - 1));

    const next = await replica({ dir: null, shared: shared() }).load();
    expect(next.source).toBe('parsed');
    expect(next.warnings.join('\n')).toMatch(/shared snapshot rejected/);
    expect(answers(next.loaded)).toEqual(answers(first.loaded));
    expect(await s3.storage('snapshots/').read(key)).toEqual(good);
  });
});
