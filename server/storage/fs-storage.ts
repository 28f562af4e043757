import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  StorageNotFoundError,
  StorageUnavailableError,
  type ListOptions,
  type ListPage,
  type ObjectReader,
  type ReadRange,
  type ReadTarget,
  type ReusedChunks,
  type StreamOptions,
  type Storage,
  type StorageEntry,
} from './storage.ts';

// Storage over a local folder (a copy of a bucket, or the sample history).
// Keys never reach outside the root: unsafe keys are refused, symlinks out of the root are invisible.

const DEFAULT_LIMIT = 1000;

/** A key that could name something outside the storage root. */
export class UnsafeKeyError extends Error {
  readonly key: string;

  constructor(key: string) {
    super(`Refused storage key ${JSON.stringify(key)}`);
    this.name = 'UnsafeKeyError';
    this.key = key;
  }
}

/** Throws unless `key` is a relative '/'-separated key with no '.', '..' or empty inner segment. */
export function assertSafeKey(key: string): void {
  if (key.startsWith('/') || key.includes('\\') || key.includes('\0'))
    throw new UnsafeKeyError(key);
  const parts = key.split('/');
  // A trailing '/' (folder prefix) leaves one empty last part; anything else empty is suspicious.
  const inner = key.endsWith('/') ? parts.slice(0, -1) : parts;
  if (key !== '' && inner.some((p) => p === '' || p === '.' || p === '..'))
    throw new UnsafeKeyError(key);
}

interface Child {
  name: string;
  /** Key of the child; folders end with '/'. */
  key: string;
  isFolder: boolean;
  stats: Stats;
  real: string;
}

export class FsStorage implements Storage {
  readonly description: string;
  private readonly root: string;
  private realRootPromise: Promise<string> | undefined;

  constructor(root: string) {
    this.root = root;
    this.description = pathToFileURL(root).href;
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    assertSafeKey(prefix.slice(0, prefix.lastIndexOf('/') + 1));
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    const after = options.cursor ?? '';
    const dirKey = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const namePrefix = prefix.slice(dirKey.length);
    const entries: StorageEntry[] = [];
    const walk = options.delimited
      ? this.walkChildren(dirKey, namePrefix, after)
      : this.walkTree(dirKey, namePrefix, after, new Set<string>());
    for await (const entry of walk) {
      if (entries.length === limit) return { entries, cursor: entries[limit - 1]!.key };
      entries.push(entry);
    }
    return { entries };
  }

  async stat(key: string): Promise<StorageEntry | null> {
    const file = await this.resolveFile(key);
    return (
      file && { key, isFolder: false, size: file.stats.size, mtime: Math.floor(file.stats.mtimeMs) }
    );
  }

  async read(key: string, range: ReadRange & ReadTarget = {}): Promise<Buffer> {
    const file = await this.requireFile(key);
    const { start, end } = clampRange(range, file.stats.size);
    // Not zero-filled (16 MiB log slices: milliseconds of the request thread each); only the
    // bytes read are returned.
    const { into } = range;
    const buffer =
      into && into.length >= end - start
        ? into.subarray(0, end - start)
        : Buffer.allocUnsafeSlow(end - start);
    if (buffer.length === 0) return buffer;
    const handle = await open(file.real, 'r').catch((error: unknown) => this.fail(key, error));
    try {
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    } finally {
      await handle.close();
    }
  }

  async stream(key: string, range: ReadRange & StreamOptions = {}): Promise<Readable> {
    const file = await this.requireFile(key);
    const { start, end } = clampRange(range, file.stats.size);
    if (end <= start) return Readable.from([]);
    const source = createReadStream(file.real, {
      start,
      end: end - 1,
      signal: range.signal,
      ...(range.chunkBytes ? { highWaterMark: range.chunkBytes } : {}),
    });
    // A disk failing mid-body is a storage failure (503), like a broken object-store body.
    const out = new PassThrough();
    source.on('error', (error: Error) =>
      out.destroy(
        error.name === 'AbortError'
          ? error
          : new StorageUnavailableError(`Cannot read ${key}`, { cause: error }),
      ),
    );
    out.on('close', () => source.destroy());
    return source.pipe(out);
  }

  async readInto(
    key: string,
    buffer: Buffer,
    range: ReadRange & { signal?: AbortSignal } = {},
  ): Promise<ReusedChunks> {
    return reusedChunks(await this.openReader(key, range), buffer);
  }

  async openReader(
    key: string,
    range: ReadRange & { signal?: AbortSignal } = {},
  ): Promise<ObjectReader> {
    const file = await this.requireFile(key);
    const { start, end } = clampRange(range, file.stats.size);
    const handle = await open(file.real, 'r').catch((error: unknown) => this.fail(key, error));
    return positionedReads(handle, { start, end, signal: range.signal, key });
  }

  private realRoot(): Promise<string> {
    this.realRootPromise ??= realpath(this.root).catch((error: unknown) => {
      this.realRootPromise = undefined;
      throw new StorageUnavailableError(`Storage folder ${this.root} is not readable`, {
        cause: error,
      });
    });
    return this.realRootPromise;
  }

  private async inside(real: string): Promise<boolean> {
    const root = await this.realRoot();
    return real === root || real.startsWith(root + sep);
  }

  /** The regular file behind a key, or null (missing, a folder, or a symlink out of the root). */
  private async resolveFile(key: string): Promise<{ real: string; stats: Stats } | null> {
    assertSafeKey(key);
    if (key === '' || key.endsWith('/')) return null;
    await this.realRoot();
    try {
      const real = await realpath(join(this.root, key));
      if (!(await this.inside(real))) return null;
      const stats = await stat(real);
      return stats.isFile() ? { real, stats } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw new StorageUnavailableError(`Cannot read ${key}`, { cause: error });
    }
  }

  private async requireFile(key: string) {
    const file = await this.resolveFile(key);
    if (!file) throw new StorageNotFoundError(key);
    return file;
  }

  private fail(key: string, error: unknown): never {
    if (isMissing(error)) throw new StorageNotFoundError(key);
    throw new StorageUnavailableError(`Cannot read ${key}`, { cause: error });
  }

  /** Children of one folder key, in key order, following only symlinks that stay inside the root. */
  private async children(dirKey: string): Promise<{ dirReal: string | null; children: Child[] }> {
    await this.realRoot();
    let dirReal: string;
    let dirents: Dirent[];
    try {
      dirReal = await realpath(join(this.root, dirKey));
      if (!(await this.inside(dirReal))) return { dirReal: null, children: [] };
      dirents = await readdir(dirReal, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return { dirReal: null, children: [] };
      throw new StorageUnavailableError(`Cannot list ${dirKey}`, { cause: error });
    }
    const children: Child[] = [];
    for (const dirent of dirents) {
      if (dirent.name.includes('\\')) continue;
      const child = await this.child(dirKey, dirReal, dirent);
      if (child) children.push(child);
    }
    return { dirReal, children: children.sort((a, b) => compareKeys(a.key, b.key)) };
  }

  private async child(dirKey: string, dirReal: string, dirent: Dirent): Promise<Child | null> {
    let real = join(dirReal, dirent.name);
    try {
      if (dirent.isSymbolicLink()) {
        real = await realpath(real);
        if (!(await this.inside(real))) return null;
      } else if (!dirent.isFile() && !dirent.isDirectory()) {
        return null;
      }
      const stats = await stat(real);
      if (!stats.isFile() && !stats.isDirectory()) return null;
      const isFolder = stats.isDirectory();
      const key = `${dirKey}${dirent.name}${isFolder ? '/' : ''}`;
      return { name: dirent.name, key, isFolder, stats, real };
    } catch (error) {
      if (isMissing(error)) return null;
      throw new StorageUnavailableError(`Cannot list ${dirKey}`, { cause: error });
    }
  }

  private async *walkChildren(dirKey: string, namePrefix: string, after: string) {
    for (const child of (await this.children(dirKey)).children) {
      if (!child.name.startsWith(namePrefix) || child.key <= after) continue;
      yield toEntry(child);
    }
  }

  /** Every file under a folder in key order, skipping whole folders that end before `after`. */
  private async *walkTree(
    dirKey: string,
    namePrefix: string,
    after: string,
    ancestors: Set<string>,
  ): AsyncGenerator<StorageEntry> {
    const { dirReal, children } = await this.children(dirKey);
    // A symlink back to a folder being walked would loop forever.
    if (dirReal === null || ancestors.has(dirReal)) return;
    ancestors.add(dirReal);
    for (const child of children) {
      if (!child.name.startsWith(namePrefix)) continue;
      if (!child.isFolder) {
        if (child.key > after) yield toEntry(child);
      } else if (child.key > after || after.startsWith(child.key)) {
        yield* this.walkTree(child.key, '', after, ancestors);
      }
    }
    ancestors.delete(dirReal);
  }
}

/** Reads [start, end) of an open file in order, into the buffers handed in; closes the file at the end. */
function positionedReads(
  handle: FileHandle,
  at: { start: number; end: number; signal?: AbortSignal; key: string },
): ObjectReader {
  let position = at.start;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= handle.close());
  return {
    async read(into) {
      at.signal?.throwIfAborted();
      const wanted = Math.min(into.length, at.end - position);
      if (wanted <= 0 || closing) return 0;
      const { bytesRead } = await handle.read(into, 0, wanted, position).catch((error: unknown) => {
        // A disk failing mid-body is a storage failure (503), as in `stream`.
        throw new StorageUnavailableError(`Cannot read ${at.key}`, { cause: error });
      });
      position += bytesRead;
      // Cut shorter since it was listed: ends here.
      if (bytesRead === 0) position = at.end;
      return bytesRead;
    },
    close,
  };
}

/** An object read a chunk at a time into one buffer; closes the reader at the end. */
function reusedChunks(reader: ObjectReader, buffer: Buffer): ReusedChunks {
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        const bytesRead = await reader.read(buffer);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await reader.close();
    }
  }
  return { [Symbol.asyncIterator]: chunks, close: () => reader.close() };
}

function toEntry(child: Child): StorageEntry {
  return child.isFolder
    ? { key: child.key, isFolder: true, size: 0, mtime: 0 }
    : {
        key: child.key,
        isFolder: false,
        size: child.stats.size,
        mtime: Math.floor(child.stats.mtimeMs),
      };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clampRange(range: ReadRange, size: number): { start: number; end: number } {
  const start = Math.min(Math.max(0, range.start ?? 0), size);
  const end = Math.min(Math.max(start, range.end ?? size), size);
  return { start, end };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // A name too long for the file system names nothing that exists (an object store would say 404).
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG';
}
