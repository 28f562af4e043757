import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { FsStorage, UnsafeKeyError } from './fs-storage.ts';
import { listAll, StorageNotFoundError } from './storage.ts';

let root: TempFolder;
let outside: TempFolder;
let storage: FsStorage;

beforeEach(async () => {
  root = await tempFolder({
    'a/one.txt': '0123456789',
    'a/sub/two.txt': 'two',
    'a-b.txt': 'dash sorts before slash',
    'b.txt': 'b',
  });
  outside = await tempFolder({ 'secret.txt': 'do not read me', 'dir/x.txt': 'x' });
  storage = new FsStorage(root.dir);
});

afterEach(async () => {
  await root.remove();
  await outside.remove();
});

const keys = (entries: { key: string }[]) => entries.map((e) => e.key);

describe('FsStorage.list', () => {
  it('lists every file under a prefix recursively, in key order', async () => {
    const page = await storage.list('');
    expect(keys(page.entries)).toEqual(['a-b.txt', 'a/one.txt', 'a/sub/two.txt', 'b.txt']);
    expect(page.cursor).toBeUndefined();
    expect(page.entries[1]).toMatchObject({ isFolder: false, size: 10 });
  });

  it('lists direct children with folders collapsed when delimited', async () => {
    expect(keys((await storage.list('', { delimited: true })).entries)).toEqual([
      'a-b.txt',
      'a/',
      'b.txt',
    ]);
    expect(keys((await storage.list('a/', { delimited: true })).entries)).toEqual([
      'a/one.txt',
      'a/sub/',
    ]);
  });

  it('matches a partial last segment like an object-store prefix', async () => {
    expect(keys((await storage.list('a')).entries)).toEqual([
      'a-b.txt',
      'a/one.txt',
      'a/sub/two.txt',
    ]);
    expect(keys((await storage.list('a/o')).entries)).toEqual(['a/one.txt']);
  });

  it('answers an empty page for a missing prefix', async () => {
    expect(await storage.list('nope/')).toEqual({ entries: [] });
  });

  it('pages with a cursor across more than 1000 entries without gaps or repeats', async () => {
    const many = await tempFolder();
    try {
      const expected: string[] = [];
      for (let i = 0; i < 1203; i++) {
        const key = `idx/${String(i % 7)}/k${String(i).padStart(4, '0')}`;
        expected.push(key);
        await many.write(key, 'x');
      }
      expected.sort();
      const fs = new FsStorage(many.dir);
      const first = await fs.list('idx/');
      expect(first.entries).toHaveLength(1000);
      expect(first.cursor).toBe(first.entries[999]!.key);
      const second = await fs.list('idx/', { cursor: first.cursor });
      expect(second.entries).toHaveLength(203);
      expect(second.cursor).toBeUndefined();
      expect([...keys(first.entries), ...keys(second.entries)]).toEqual(expected);

      const all: string[] = [];
      for await (const entry of listAll(fs, 'idx/', { limit: 97 })) all.push(entry.key);
      expect(all).toEqual(expected);
    } finally {
      await many.remove();
    }
  });

  it('pages delimited listings too', async () => {
    const first = await storage.list('', { delimited: true, limit: 2 });
    expect(keys(first.entries)).toEqual(['a-b.txt', 'a/']);
    const second = await storage.list('', { delimited: true, limit: 2, cursor: first.cursor });
    expect(second).toEqual({ entries: [expect.objectContaining({ key: 'b.txt' })] });
  });
});

describe('FsStorage reads', () => {
  it('reads a byte range [start, end), shorter at the end of the object', async () => {
    expect((await storage.read('a/one.txt')).toString()).toBe('0123456789');
    expect((await storage.read('a/one.txt', { start: 2, end: 5 })).toString()).toBe('234');
    expect((await storage.read('a/one.txt', { start: 8, end: 50 })).toString()).toBe('89');
    expect((await storage.read('a/one.txt', { start: 20 })).length).toBe(0);
  });

  it('reads into a given buffer when it is large enough, else into a fresh one', async () => {
    const into = Buffer.alloc(8, 0x2e);
    const read = await storage.read('a/one.txt', { start: 2, end: 6, into });
    expect(read.toString()).toBe('2345');
    expect(read.buffer).toBe(into.buffer);
    expect(into.toString()).toBe('2345....');
    const whole = await storage.read('a/one.txt', { into });
    expect(whole.toString()).toBe('0123456789');
    expect(whole.buffer).not.toBe(into.buffer);
  });

  it('streams a byte range', async () => {
    expect(await text(await storage.stream('a/one.txt', { start: 7 }))).toBe('789');
    expect(await text(await storage.stream('a/one.txt', { start: 3, end: 3 }))).toBe('');
  });

  it('reads a byte range into one reused buffer, a chunk at a time', async () => {
    const buffer = Buffer.alloc(4);
    const seen: string[] = [];
    for await (const chunk of await storage.readInto('a/one.txt', buffer, { start: 1, end: 9 })) {
      expect(chunk.buffer).toBe(buffer.buffer); // a view of the given buffer, not a copy
      seen.push(chunk.toString());
    }
    expect(seen).toEqual(['1234', '5678']);
    const tail: string[] = [];
    for await (const chunk of await storage.readInto('a/one.txt', buffer, { start: 7 }))
      tail.push(chunk.toString());
    expect(tail).toEqual(['789']);
  });

  it('reads a byte range in order into the buffers handed in, each where it lies', async () => {
    const reader = await storage.openReader('a/one.txt', { start: 2 });
    const first = Buffer.alloc(5);
    expect(await reader.read(first.subarray(1))).toBe(4);
    expect(first.toString()).toBe('\u00002345');
    const second = Buffer.alloc(8);
    expect(await reader.read(second)).toBe(4);
    expect(second.subarray(0, 4).toString()).toBe('6789');
    expect(await reader.read(second)).toBe(0);
    await reader.close();
    await reader.close();
    await expect(storage.openReader('a/missing.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('stops reading when asked to, before or while iterating', async () => {
    const unread = await storage.readInto('a/one.txt', Buffer.alloc(4));
    await unread.close();
    await unread.close();
    const stop = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of await storage.readInto('a/one.txt', Buffer.alloc(4), {
        signal: stop.signal,
      })) {
        seen.push(chunk.toString());
        stop.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['0123']);
  });

  it('stats files and answers null for folders and missing keys', async () => {
    expect(await storage.stat('b.txt')).toMatchObject({ key: 'b.txt', size: 1, isFolder: false });
    expect(await storage.stat('a/')).toBeNull();
    expect(await storage.stat('a')).toBeNull();
    expect(await storage.stat('missing.txt')).toBeNull();
  });

  it('maps a missing object to StorageNotFoundError', async () => {
    await expect(storage.read('missing.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.stream('a/missing.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.readInto('a/missing.txt', Buffer.alloc(4))).rejects.toBeInstanceOf(
      StorageNotFoundError,
    );
    await expect(storage.read('b.txt/under-a-file')).rejects.toBeInstanceOf(StorageNotFoundError);
  });
});

describe('FsStorage containment', () => {
  it.each([
    '../secret.txt',
    'a/../../secret.txt',
    '/etc/passwd',
    'a\\..\\b.txt',
    'a/\0',
    'a//b',
    './b.txt',
  ])('refuses the key %j', async (key) => {
    await expect(storage.read(key)).rejects.toBeInstanceOf(UnsafeKeyError);
    await expect(storage.stat(key)).rejects.toBeInstanceOf(UnsafeKeyError);
  });

  it('refuses list prefixes that climb out', async () => {
    await expect(storage.list('../')).rejects.toBeInstanceOf(UnsafeKeyError);
  });

  it('does not follow symlinks that point outside the root', async () => {
    await symlink(join(outside.dir, 'secret.txt'), join(root.dir, 'a', 'leak.txt'));
    await symlink(join(outside.dir, 'dir'), join(root.dir, 'a', 'leakdir'));
    await expect(storage.read('a/leak.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.read('a/leakdir/x.txt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.readInto('a/leak.txt', Buffer.alloc(4))).rejects.toBeInstanceOf(
      StorageNotFoundError,
    );
    expect(await storage.stat('a/leak.txt')).toBeNull();
    const listed = keys((await storage.list('a/')).entries);
    expect(listed).not.toContain('a/leak.txt');
    expect(listed.some((k) => k.startsWith('a/leakdir'))).toBe(false);
  });

  it('follows symlinks that stay inside the root, without looping', async () => {
    await mkdir(join(root.dir, 'c'));
    await writeFile(join(root.dir, 'c', 'real.txt'), 'inside');
    await symlink(join(root.dir, 'c', 'real.txt'), join(root.dir, 'c', 'alias.txt'));
    await symlink(join(root.dir, 'c'), join(root.dir, 'c', 'loop'));
    expect((await storage.read('c/alias.txt')).toString()).toBe('inside');
    expect(keys((await storage.list('c/')).entries)).toEqual(['c/alias.txt', 'c/real.txt']);
  });
});
