import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigError, type EnvReader } from '../../config/env.ts';

// Settings of persisted snapshots (docs/snapshots.md).

export interface SnapshotConfig {
  /** SNAPSHOT_DIR: local folder of snapshot files. */
  dir: string;
  /** SNAPSHOT_DIR_MAX_MB in bytes; 0: no local files. */
  dirMaxBytes: number;
  /** SNAPSHOT_URL: s3://bucket/prefix or oss://bucket/prefix shared by replicas; null: none. */
  url: string | null;
  /** SNAPSHOT_QUIET_MINUTES: a session whose files have not changed this long has ended. */
  quietMs: number;
}

export const DEFAULT_SNAPSHOT_DIR = join(tmpdir(), 'ray-history-snapshots');

export function snapshotConfig(read: EnvReader): SnapshotConfig {
  const dir = read.string('SNAPSHOT_DIR') ?? DEFAULT_SNAPSHOT_DIR;
  if (!isAbsolute(dir)) throw new ConfigError('SNAPSHOT_DIR', 'must be an absolute path');
  const url = read.string('SNAPSHOT_URL');
  if (url !== null && !/^(s3|oss):\/\/[^/]+(\/.*)?$/.test(url))
    throw new ConfigError('SNAPSHOT_URL', 'must be s3://bucket[/prefix] or oss://bucket[/prefix]');
  return {
    dir,
    dirMaxBytes: read.integer(['SNAPSHOT_DIR_MAX_MB'], 8192, 0, 1024 * 1024) * 1024 * 1024,
    url,
    quietMs: read.integer(['SNAPSHOT_QUIET_MINUTES'], 10, 0, 7 * 24 * 60) * 60_000,
  };
}
