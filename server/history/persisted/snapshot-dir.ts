import { randomBytes } from 'node:crypto';
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
} from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodedSnapshot } from './snapshot-format.ts';

// Snapshot files in one local folder (SNAPSHOT_DIR), within a byte cap (SNAPSHOT_DIR_MAX_MB):
// least recently used first out, a file's mtime being its last use. Writes go to a temporary
// name and are renamed into place, so a reader (this process or another one sharing the folder)
// sees a whole file or none.

export const SNAPSHOT_SUFFIX = '.snap';
const TEMP_MARK = '.tmp-';
/** A temporary file this old was left by a process that died mid-write. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000;

export class SnapshotDir {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: { dir: string; maxBytes: number; now?: () => number }) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
    this.now = options.now ?? Date.now;
  }

  path(name: string): string {
    return join(this.dir, name + SNAPSHOT_SUFFIX);
  }

  /** The file's bytes, or null when there is none; counts as a use. */
  async read(name: string): Promise<Buffer | null> {
    const path = this.path(name);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const at = new Date(this.now());
    await utimes(path, at, at).catch(() => undefined);
    return bytes;
  }

  async delete(name: string): Promise<void> {
    await rm(this.path(name), { force: true });
  }

  /** Writes atomically, then trims the folder to its cap. Returns false if the file alone exceeds it. */
  async write(name: string, encoded: EncodedSnapshot): Promise<boolean> {
    if (encoded.bytes > this.maxBytes) return false;
    await mkdir(this.dir, { recursive: true });
    const temp = join(
      this.dir,
      `${name}${SNAPSHOT_SUFFIX}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    const file = await open(temp, 'wx', 0o600);
    try {
      for (const chunk of encoded.chunks) await writeWhole(file, chunk);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await rename(temp, this.path(name));
    await this.trim(name);
    return true;
  }

  /** Deletes least recently used snapshots (never `keep`) until the folder fits its cap. */
  async trim(keep?: string): Promise<void> {
    const files: { path: string; size: number; usedMs: number }[] = [];
    for (const entry of await readdir(this.dir).catch(() => [])) {
      const path = join(this.dir, entry);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      if (entry.includes(TEMP_MARK)) {
        if (this.now() - info.mtimeMs > ABANDONED_TEMP_MS) await rm(path, { force: true });
        continue;
      }
      if (entry.endsWith(SNAPSHOT_SUFFIX))
        files.push({ path, size: info.size, usedMs: info.mtimeMs });
    }
    let total = files.reduce((sum, f) => sum + f.size, 0);
    const kept = keep === undefined ? null : this.path(keep);
    files.sort((a, b) => a.usedMs - b.usedMs);
    for (const f of files) {
      if (total <= this.maxBytes) break;
      if (f.path === kept) continue;
      await rm(f.path, { force: true });
      total -= f.size;
    }
  }
}

/** One write call may write less than asked (at most about 2 GiB on Linux). */
async function writeWhole(file: FileHandle, chunk: Uint8Array): Promise<void> {
  let at = 0;
  while (at < chunk.length) {
    const { bytesWritten } = await file.write(chunk, at, chunk.length - at);
    at += bytesWritten;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
