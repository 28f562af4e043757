import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../contract/api.ts';
import { apiPaths } from '../../contract/paths.ts';
import * as e from '../test/events.ts';
import { indexKey, sessionDir } from '../history/layout.ts';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { writeFixture } from '../test/session-routes.ts';
import { FsStorage } from '../storage/fs-storage.ts';
import { appOver } from '../test/storage-backends.ts';
import { StorageUnavailableError, type Storage } from '../storage/storage.ts';
import { GOOD_LOG_TEXT, ids, logFileUrl, scoped, session } from '../test/hostile.ts';

// Storage that breaks in the middle of a body (after some bytes were already delivered): the
// request answers a clear 503 (or, once a stream has started, ends it visibly), other sessions
// keep being served, and the failed session is not cached half-loaded: it loads in full later.

const other: SessionInfo = {
  namespace: 'ml',
  kind: 'raycluster',
  name: 'steady',
  clusterName: 'steady',
  sessionName: 'session_2026-01-12_09-00-00_000001_1',
  startTime: Date.UTC(2026, 0, 12, 9),
};
const otherSummary = () =>
  app.inject(apiPaths.scoped({ ...other, session: other.sessionName }, '/summary'));

/** Breaks reads under `failUnder` after `afterBytes` bytes, like a connection reset mid-body. */
class BreakingStorage implements Storage {
  readonly description = 'breaking';
  failUnder: string | null = null;
  afterBytes = 100;
  private readonly inner: Storage;
  constructor(inner: Storage) {
    this.inner = inner;
  }
  list: Storage['list'] = (prefix, options) => this.inner.list(prefix, options);
  stat: Storage['stat'] = (key) => this.inner.stat(key);
  read: Storage['read'] = async (key, range) => {
    if (this.breaks(key)) throw new StorageUnavailableError(`connection reset reading ${key}`);
    return this.inner.read(key, range);
  };
  stream: Storage['stream'] = async (key, range) => {
    const source = await this.inner.stream(key, range);
    if (!this.breaks(key)) return source;
    const limit = this.afterBytes;
    return Readable.from(
      (async function* () {
        let sent = 0;
        for await (const chunk of source as AsyncIterable<Buffer>) {
          const room = limit - sent;
          if (chunk.length >= room) {
            if (room > 0) yield chunk.subarray(0, room);
            source.destroy();
            throw new StorageUnavailableError('connection reset mid-body');
          }
          sent += chunk.length;
          yield chunk;
        }
      })(),
    );
  };
  private breaks(key: string): boolean {
    return this.failUnder !== null && key.startsWith(this.failUnder);
  }
}

let history: TempFolder;
let storage: BreakingStorage;
let app: FastifyInstance;
let healthy: FastifyInstance;

beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
  await history.write(indexKey(other), '');
  const node = e.nodeId(3);
  await history.write(
    `${sessionDir(other)}${node}/node_events/${node}-2026-01-12-09.jsonl`,
    JSON.stringify(e.nodeDefinition(node, '10.0.0.3')) + '\n',
  );
  storage = new BreakingStorage(new FsStorage(history.dir));
  app = await appOver(storage);
  healthy = await appOver(new FsStorage(history.dir));
});
afterAll(async () => {
  await app.close();
  await healthy.close();
  await history.remove();
});
beforeEach(() => {
  storage.failUnder = null;
});

const expect503 = (res: { statusCode: number; json(): unknown }) => {
  expect(res.statusCode).toBe(503);
  expect(res.json()).toEqual({
    statusCode: 503,
    error: 'Service Unavailable',
    message: 'History storage is unavailable; try again shortly',
  });
};

describe('storage failing mid-stream', () => {
  it('fails a session load with 503, keeps serving others, then loads it in full', async () => {
    expect((await otherSummary()).statusCode).toBe(200);
    storage.failUnder = sessionDir(session);
    expect503(await app.inject(scoped('/summary')));
    expect((await app.inject(scoped('/load_progress'))).json().state).toBe('failed');
    expect((await otherSummary()).statusCode).toBe(200);

    storage.failUnder = null;
    for (const path of [
      '/summary',
      '/api/jobs/',
      '/api/v0/tasks?exclude_driver=false',
      '/events',
    ]) {
      const recovered = await app.inject(scoped(path));
      expect(recovered.statusCode).toBe(200);
      expect(recovered.json(), path).toEqual((await healthy.inject(scoped(path))).json());
    }
  });

  it('answers 503 for a log tail and serves the file once storage is back', async () => {
    storage.failUnder = sessionDir(session);
    expect503(await app.inject(logFileUrl('filename=raylet.out')));
    storage.failUnder = null;
    const res = await app.inject(logFileUrl('filename=raylet.out'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(GOOD_LOG_TEXT);
  });

  it('ends a search stream with an error record, and searches fine afterwards', async () => {
    storage.afterBytes = 3;
    storage.failUnder = sessionDir(session);
    const broken = await app.inject(scoped(`/logs/search?q=raylet&node_id=${ids.head}`));
    expect(broken.statusCode).toBe(200);
    expect(JSON.parse(broken.body.trim().split('\n').at(-1)!)).toEqual({
      type: 'error',
      message: 'The search stopped: history storage failed',
    });
    storage.failUnder = null;
    const ok = await app.inject(scoped(`/logs/search?q=raylet&node_id=${ids.head}`));
    expect(JSON.parse(ok.body.trim().split('\n').at(-1)!)).toMatchObject({
      type: 'done',
      matches: 1,
    });
    storage.afterBytes = 100;
  });

  it('cuts a download that breaks off (never a silent short file) and keeps serving', async () => {
    storage.afterBytes = 3;
    storage.failUnder = sessionDir(session);
    const broken = await app.inject(logFileUrl('filename=raylet.out&download=1')).catch(() => null);
    // Cut off once started, or refused with 503 when the failure comes before the first bytes
    // are sent (they go out in a step of the turn budget): never what looks like the whole file.
    if (broken && broken.statusCode !== 503)
      expect(broken.rawPayload.length).toBeLessThan(GOOD_LOG_TEXT.length);
    storage.failUnder = null;
    storage.afterBytes = 100;
    const whole = await app.inject(logFileUrl('filename=raylet.out&download=1'));
    expect(whole.statusCode).toBe(200);
    expect(whole.body).toBe(GOOD_LOG_TEXT);
  });
});
