import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorageConfig } from '../config/storage.ts';
import { FsStorage } from './fs-storage.ts';
import { createS3Client, parseBucketUrl } from './s3-client.ts';
import { S3Storage } from './s3-storage.ts';
import type { Storage } from './storage.ts';

// Picks the storage backend from STORAGE_URL (plus STORAGE_ROOT_DIR under it).

export function createStorage(config: StorageConfig): Storage {
  const url = config.url;
  if (!url) throw new Error('STORAGE_URL is not set');
  if (url.startsWith('file://')) {
    const folder = fileURLToPath(url);
    if (!isAbsolute(folder)) throw new Error(`STORAGE_URL ${url} must name an absolute folder`);
    return new FsStorage(config.rootDir ? join(folder, config.rootDir) : folder);
  }
  if (url.startsWith('s3://') || url.startsWith('oss://')) {
    const location = parseBucketUrl(url, config.rootDir);
    return new S3Storage({
      client: createS3Client(config, location.scheme),
      bucket: location.bucket,
      prefix: location.prefix,
      description: `${location.scheme}://${location.bucket}/${location.prefix}`,
    });
  }
  throw new Error(`STORAGE_URL ${url} has an unknown scheme (expected file://, s3:// or oss://)`);
}
