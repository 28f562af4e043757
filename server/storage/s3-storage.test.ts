import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsafeKeyError } from './fs-storage.ts';
import { startS3TestServer, type S3TestServer } from '../test/s3-server.ts';
import { listAll, StorageNotFoundError, StorageUnavailableError } from './storage.ts';

// S3Storage against s3rver: the same behaviour FsStorage promises, plus paging past 1,000 keys
// and failures that end in StorageUnavailableError.

let s3: S3TestServer;
const keys = (entries: { key: string }[]) => entries.map((e) => e.key);

beforeAll(async () => {
  s3 = await startS3TestServer();
  for (const [key, body] of Object.entries({
    'root/a/one.txt': '0123456789',
    'root/a/sub/two.txt': 'two',
    'root/a-b.txt': 'dash sorts before slash',
    'root/b.txt': 'b',
    'elsewhere.txt': 'outside the prefix',
  }))
    await s3.put(key, body);
});
afterAll(() => s3.close());

describe('S3Storage.list', () => {
  it('lists every object under a prefix recursively, in key order, relative to the root', async () => {
    const page = await s3.storage('root/').list('');
    expect(keys(page.entries)).toEqual(['a-b.txt', 'a/one.txt', 'a/sub/two.txt', 'b.txt']);
    expect(page.cursor).toBeUndefined();
    expect(page.entries[1]).toMatchObject({ isFolder: false, size: 10 });
    expect(page.entries[1]!.mtime).toBeGreaterThan(0);
  });

  it('lists direct children with folders collapsed when delimited', async () => {
    const storage = s3.storage('root/');
    expect(keys((await storage.list('', { delimited: true })).entries)).toEqual([
      'a-b.txt',
      'a/',
      'b.txt',
    ]);
    const inA = await storage.list('a/', { delimited: true });
    expect(inA.entries).toEqual([
      expect.objectContaining({ key: 'a/one.txt', isFolder: false }),
      { key: 'a/sub/', isFolder: true, size: 0, mtime: 0 },
    ]);
  });

  it('matches a partial last segment and answers an empty page for a missing prefix', async () => {
    const storage = s3.storage('root/');
    expect(keys((await storage.list('a/o')).entries)).toEqual(['a/one.txt']);
    expect(await storage.list('nope/')).toEqual({ entries: [] });
  });

  it('refuses prefixes that climb out', async () => {
    await expect(s3.storage('root/').list('../')).rejects.toBeInstanceOf(UnsafeKeyError);
  });

  it('pages past 1,000 objects (several ListObjectsV2 pages) without gaps or repeats', async () => {
    const expected = Array.from(
      { length: 2100 },
      (_, i) => `many/${String(i % 7)}/k${String(i).padStart(5, '0')}`,
    ).sort();
    // Seeded into s3rver's store directly: 2,100 PUTs took 25 s and test nothing of S3Storage
    // (uploads are the e2e s3 server's); listing still goes through the S3 API.
    await s3.seedEmpty(expected);
    const storage = s3.storage();
    const first = await storage.list('many/');
    expect(first.entries).toHaveLength(1000);
    expect(first.cursor).toBeTruthy();

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.list('many/', { cursor });
      pages.push(keys(page.entries));
      cursor = page.cursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 100]);
    expect(pages.flat()).toEqual(expected);

    const small: string[] = [];
    for await (const entry of listAll(storage, 'many/3/', { limit: 97 })) small.push(entry.key);
    expect(small).toEqual(expected.filter((k) => k.startsWith('many/3/')));
  }, 90_000);
});

describe('S3Storage reads', () => {
  it('reads a byte range [start, end), shorter at the end of the object', async () => {
    const storage = s3.storage('root/');
    expect((await storage.read('a/one.txt')).toString()).toBe('0123456789');
    expect((await storage.read('a/one.txt', { start: 2, end: 5 })).toString()).toBe('234');
    expect((await storage.read('a/one.txt', { start: 8, end: 50 })).toString()).toBe('89');
    expect((await storage.read('a/one.txt', { start: 20 })).length).toBe(0);
    expect((await storage.read('a/one.txt', { start: 4, end: 4 })).length).toBe(0);
  });

  it('streams a byte range', async () => {
    const storage = s3.storage('root/');
    expect(await text(await storage.stream('a/one.txt', { start: 7 }))).toBe('789');
    expect(await text(await storage.stream('a/one.txt', { start: 3, end: 3 }))).toBe('');
  });

  it('stats objects and answers null for folders and missing keys', async () => {
    const storage = s3.storage('root/');
    expect(await storage.stat('b.txt')).toMatchObject({ key: 'b.txt', size: 1, isFolder: false });
    expect(await storage.stat('a/')).toBeNull();
    expect(await storage.stat('a')).toBeNull();
    expect(await storage.stat('missing.txt')).toBeNull();
  });

  it('maps a missing object to StorageNotFoundError', async () => {
    const storage = s3.storage('root/');
    await expect(storage.read('missing.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.stream('a/missing.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.read('missing.txt', { start: 1, end: 1 })).rejects.toBeInstanceOf(
      StorageNotFoundError,
    );
  });

  it('refuses unsafe keys', async () => {
    await expect(s3.storage('root/').read('a/../../elsewhere.txt')).rejects.toBeInstanceOf(
      UnsafeKeyError,
    );
  });
});

describe('S3Storage when the object store fails', () => {
  it('turns a stopped store into StorageUnavailableError, and works again once it is back', async () => {
    const storage = s3.storage('root/');
    await s3.stop();
    try {
      await expect(storage.list('')).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.read('b.txt')).rejects.toThrow(/Object storage failed for b\.txt/);
      await expect(storage.stat('b.txt')).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      await s3.start();
    }
    expect((await storage.read('b.txt')).toString()).toBe('b');
  });

  it('ends a stream with StorageUnavailableError when the store stops mid-body', async () => {
    await s3.put('big.bin', Buffer.alloc(32 * 1024 * 1024, 7));
    const body = await s3.storage().stream('big.bin');
    let received = 0;
    const failure = new Promise<unknown>((resolve) => body.on('error', resolve));
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > 0) void s3.stop();
    });
    try {
      expect(await failure).toBeInstanceOf(StorageUnavailableError);
      expect(received).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await s3.start();
    }
  });
});
