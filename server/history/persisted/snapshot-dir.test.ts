import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { DEFAULT_SNAPSHOT_DIR } from './snapshot-config.ts';
import { SnapshotDir } from './snapshot-dir.ts';

// The snapshot folder stays within its cap, least recently used first out, and never shows a
// half-written file; the settings refuse what they cannot use.

let folder: TempFolder;
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.remove());

const bytes = (n: number) => ({ chunks: [Buffer.alloc(n, 1)], bytes: n });
const names = async () => (await readdir(folder.dir)).sort();

describe('SnapshotDir', () => {
  it('drops the least recently used snapshots to stay within its cap', async () => {
    let now = Date.UTC(2026, 0, 1);
    const dir = new SnapshotDir({ dir: folder.dir, maxBytes: 250, now: () => now });
    await dir.write('a', bytes(100));
    await utimes(dir.path('a'), new Date(now), new Date(now));
    now += 1000;
    await dir.write('b', bytes(100));
    await utimes(dir.path('b'), new Date(now), new Date(now));
    now += 1000;
    expect(await dir.read('a')).toHaveLength(100); // a is now the most recently used
    now += 1000;
    await dir.write('c', bytes(100));
    expect(await names()).toEqual(['a.snap', 'c.snap']);
  });

  it('keeps nothing larger than its cap, and no temporary files', async () => {
    const dir = new SnapshotDir({ dir: folder.dir, maxBytes: 50 });
    expect(await dir.write('big', bytes(51))).toBe(false);
    expect(await dir.write('small', bytes(50))).toBe(true);
    expect(await names()).toEqual(['small.snap']);
  });

  it('clears temporary files abandoned by a process that died mid-write', async () => {
    const now = Date.now();
    const dir = new SnapshotDir({ dir: folder.dir, maxBytes: 1000, now: () => now });
    const abandoned = join(folder.dir, 'x.snap.tmp-1-abcd');
    const fresh = join(folder.dir, 'y.snap.tmp-2-abcd');
    await writeFile(abandoned, 'half');
    await writeFile(fresh, 'half');
    const old = new Date(now - 2 * 60 * 60 * 1000);
    await utimes(abandoned, old, old);
    await dir.trim();
    expect(await names()).toEqual(['y.snap.tmp-2-abcd']);
  });

  it('answers null for a snapshot it does not have', async () => {
    expect(await new SnapshotDir({ dir: folder.dir, maxBytes: 10 }).read('none')).toBeNull();
  });
});

describe('snapshot settings', () => {
  it('default to a capped folder under the temp dir, no shared prefix, 10 quiet minutes', () => {
    expect(loadConfig({}).snapshots).toEqual({
      dir: DEFAULT_SNAPSHOT_DIR,
      dirMaxBytes: 8192 * 1024 * 1024,
      url: null,
      quietMs: 600_000,
    });
  });

  it('read SNAPSHOT_DIR, SNAPSHOT_DIR_MAX_MB (0 = off), SNAPSHOT_URL and SNAPSHOT_QUIET_MINUTES', () => {
    const config = loadConfig({
      SNAPSHOT_DIR: '/var/cache/snapshots',
      SNAPSHOT_DIR_MAX_MB: '0',
      SNAPSHOT_URL: 'oss://bucket/snapshots',
      SNAPSHOT_QUIET_MINUTES: '30',
    }).snapshots;
    expect(config).toEqual({
      dir: '/var/cache/snapshots',
      dirMaxBytes: 0,
      url: 'oss://bucket/snapshots',
      quietMs: 1_800_000,
    });
  });

  it.each([
    [{ SNAPSHOT_DIR: 'relative/dir' }, /SNAPSHOT_DIR must be an absolute path/],
    [{ SNAPSHOT_URL: 'https://bucket/x' }, /SNAPSHOT_URL must be s3:\/\/bucket/],
    [{ SNAPSHOT_DIR_MAX_MB: '-1' }, /SNAPSHOT_DIR_MAX_MB must be an integer/],
    [{ SNAPSHOT_QUIET_MINUTES: 'soon' }, /SNAPSHOT_QUIET_MINUTES must be an integer/],
  ])('refuse %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
