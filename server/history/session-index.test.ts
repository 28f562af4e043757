import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.ts';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { FsStorage } from '../storage/fs-storage.ts';
import type { ListOptions, ListPage, Storage } from '../storage/storage.ts';
import { SessionIndex } from './session-index.ts';

const S1 = 'session_2026-01-10_08-00-00_000001_1';
const S2 = 'session_2026-01-11_19-38-40_146706_1';
const S3 = 'session_2026-01-12_00-00-00_000000_7';
const S4 = 'session_2026-02-01_12-30-00_000000_9';

const INDEX_KEYS = [
  `cluster-metadata/raycluster/default_raycluster-a/${S1}`,
  `cluster-metadata/raycluster/default_raycluster-a/${S3}`,
  `cluster-metadata/rayjob/ml_train-job_train-job-raycluster-x/${S2}`,
  `cluster-metadata/rayjob/ml_train-job_train-job-raycluster-y/${S4}`,
  `cluster-metadata/rayservice/serving_llm_llm-raycluster-z/${S3}`,
  // junk: placeholders, bad session names, bad kinds, wrong arity
  'cluster-metadata/raycluster/default_raycluster-a/not-a-session',
  'cluster-metadata/raycluster/default_raycluster-a/session_2026-13-01_00-00-00_000000_1',
  `cluster-metadata/rayfoo/default_x/${S1}`,
  `cluster-metadata/rayjob/ml_only-two/${S1}`,
  'cluster-metadata/readme.txt',
];

let history: TempFolder;
let index: SessionIndex;

beforeEach(async () => {
  history = await tempFolder(Object.fromEntries(INDEX_KEYS.map((k) => [k, ''])));
  index = new SessionIndex(new FsStorage(history.dir), { ttlMs: 0 });
});
afterEach(() => history.remove());

const names = (page: { sessions: { name: string; sessionName: string }[] }) =>
  page.sessions.map((s) => `${s.name}/${s.sessionName}`);

describe('SessionIndex.query', () => {
  it('decodes every index key, skips junk, and lists newest first', async () => {
    const page = await index.query();
    expect(names(page)).toEqual([
      `train-job/${S4}`,
      `raycluster-a/${S3}`,
      `llm/${S3}`,
      `train-job/${S2}`,
      `raycluster-a/${S1}`,
    ]);
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 50 });
    expect(page.namespaces).toEqual(['default', 'ml', 'serving']);
    expect(await index.skippedKeys()).toBe(5);
    expect(page.sessions[0]).toEqual({
      namespace: 'ml',
      kind: 'rayjob',
      name: 'train-job',
      clusterName: 'train-job-raycluster-y',
      ownerName: 'train-job',
      sessionName: S4,
      startTime: Date.UTC(2026, 1, 1, 12, 30, 0),
    });
  });

  it('filters by namespace, kind and owner', async () => {
    expect(names(await index.query({ namespace: 'ml' }))).toEqual([
      `train-job/${S4}`,
      `train-job/${S2}`,
    ]);
    expect(names(await index.query({ kind: 'rayservice' }))).toEqual([`llm/${S3}`]);
    expect(names(await index.query({ owner: 'raycluster-a' }))).toEqual([
      `raycluster-a/${S3}`,
      `raycluster-a/${S1}`,
    ]);
  });

  it('matches q against cluster, owner and session names, ignoring case', async () => {
    expect(names(await index.query({ q: 'RAYCLUSTER-Y' }))).toEqual([`train-job/${S4}`]);
    expect(names(await index.query({ q: 'llm' }))).toEqual([`llm/${S3}`]);
    expect((await index.query({ q: '2026-01-11' })).total).toBe(1);
  });

  it('filters by start time range, inclusive', async () => {
    const page = await index.query({
      from: Date.UTC(2026, 0, 11, 19, 38, 40, 146),
      to: Date.UTC(2026, 0, 12),
    });
    expect(names(page)).toEqual([`raycluster-a/${S3}`, `llm/${S3}`, `train-job/${S2}`]);
  });

  it('pages without a cap on the total', async () => {
    const second = await index.query({ page: 2, pageSize: 2 });
    expect(names(second)).toEqual([`llm/${S3}`, `train-job/${S2}`]);
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect((await index.query({ page: 9, pageSize: 2 })).sessions).toEqual([]);
  });
});

describe('SessionIndex.resolve', () => {
  it('resolves latest to the newest session of that owner', async () => {
    const info = await index.resolve({
      namespace: 'ml',
      kind: 'rayjob',
      name: 'train-job',
      session: 'latest',
    });
    expect(info).toMatchObject({ sessionName: S4, clusterName: 'train-job-raycluster-y' });
  });

  it('resolves a named session', async () => {
    const info = await index.resolve({
      namespace: 'ml',
      kind: 'rayjob',
      name: 'train-job',
      session: S2,
    });
    expect(info.clusterName).toBe('train-job-raycluster-x');
  });

  it('answers 404 naming what is missing', async () => {
    const missingOwner = index.resolve({
      namespace: 'ml',
      kind: 'rayjob',
      name: 'nope',
      session: 'latest',
    });
    await expect(missingOwner).rejects.toMatchObject({
      statusCode: 404,
      message: 'No sessions of rayjob nope in namespace ml',
    });
    const missingSession = index.resolve({
      namespace: 'default',
      kind: 'raycluster',
      name: 'raycluster-a',
      session: S2,
    });
    await expect(missingSession).rejects.toMatchObject({
      statusCode: 404,
      message: `No session ${S2} of raycluster raycluster-a in namespace default`,
    });
  });

  it('answers 400 for an invalid kind or session name', async () => {
    const badKind = index.resolve({
      namespace: 'default',
      kind: 'raypod' as 'raycluster',
      name: 'raycluster-a',
      session: 'latest',
    });
    await expect(badKind).rejects.toBeInstanceOf(HttpError);
    await expect(badKind).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      index.resolve({ namespace: 'default', kind: 'raycluster', name: 'a', session: 'session_x' }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('session must be'),
    });
  });
});

describe('SessionIndex caching', () => {
  class CountingStorage implements Storage {
    readonly description = 'memory://';
    lists = 0;
    keys = [`cluster-metadata/raycluster/default_a/${S1}`];
    async list(_prefix: string, _options?: ListOptions): Promise<ListPage> {
      this.lists++;
      await new Promise((r) => setTimeout(r, 5));
      return { entries: this.keys.map((key) => ({ key, isFolder: false, size: 0, mtime: 0 })) };
    }
    stat = async () => null;
    read = async () => Buffer.alloc(0);
    stream = async () => {
      throw new Error('unused');
    };
  }

  it('shares one load between concurrent callers and reloads after the TTL', async () => {
    const storage = new CountingStorage();
    let now = 1_000;
    const cached = new SessionIndex(storage, { ttlMs: 10_000, now: () => now });
    await Promise.all([cached.query(), cached.query(), cached.all()]);
    expect(storage.lists).toBe(1);
    storage.keys.push(`cluster-metadata/raycluster/default_b/${S2}`);
    now += 5_000;
    expect((await cached.query()).total).toBe(1);
    now += 6_000;
    expect((await cached.query()).total).toBe(2);
    expect(storage.lists).toBe(2);
  });

  it('does not cache a failed load', async () => {
    const storage = new CountingStorage();
    const failing = new SessionIndex(storage, { ttlMs: 60_000 });
    const list = storage.list.bind(storage);
    storage.list = async () => {
      throw new Error('bucket unreachable');
    };
    await expect(failing.query()).rejects.toThrow('bucket unreachable');
    storage.list = list;
    expect((await failing.query()).total).toBe(1);
  });
});
