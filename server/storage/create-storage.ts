import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorageConfig } from '../config.ts';
import { FsStorage } from './fs-storage.ts';
import type { Storage } from './storage.ts';

// Picks the storage backend from STORAGE_URL (plus STORAGE_ROOT_DIR under it).

export function createStorage(config: Pick<StorageConfig, 'url' | 'rootDir'>): Storage {
  const url = config.url;
  if (!url) throw new Error('STORAGE_URL is not set');
  if (url.startsWith('file://')) {
    const folder = fileURLToPath(url);
    if (!isAbsolute(folder)) throw new Error(`STORAGE_URL ${url} must name an absolute folder`);
    return new FsStorage(config.rootDir ? join(folder, config.rootDir) : folder);
  }
  if (url.startsWith('s3://') || url.startsWith('oss://'))
    throw new Error(
      `STORAGE_URL ${url}: object storage (s3://, oss://) is not supported in this build yet; ` +
        'use file:///path to a local copy of the bucket',
    );
  throw new Error(`STORAGE_URL ${url} has an unknown scheme (expected file://, s3:// or oss://)`);
}
