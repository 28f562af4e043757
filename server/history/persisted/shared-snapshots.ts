import { Readable } from 'node:stream';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { StorageConfig } from '../../config/storage.ts';
import { createS3Client, parseBucketUrl } from '../../storage/s3-client.ts';
import { S3Storage } from '../../storage/s3-storage.ts';
import { StorageNotFoundError } from '../../storage/storage.ts';
import { SNAPSHOT_SUFFIX } from './snapshot-dir.ts';
import type { EncodedSnapshot } from './snapshot-format.ts';

// Snapshots under an object-store prefix (SNAPSHOT_URL) that every replica reads before parsing
// a session and writes after, so a session is parsed once for all of them. Same backends and
// credentials as STORAGE_URL; this is the only place the server writes to an object store.

export class SharedSnapshots {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly objects: S3Storage;

  constructor(options: { client: S3Client; bucket: string; prefix: string; description: string }) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.description = options.description;
    this.objects = new S3Storage(options);
  }

  /** SNAPSHOT_URL (s3:// or oss://), with the storage section's endpoint and credentials. */
  static fromUrl(url: string, storage: StorageConfig): SharedSnapshots {
    const location = parseBucketUrl(url, '');
    return new SharedSnapshots({
      client: createS3Client(storage, location.scheme),
      bucket: location.bucket,
      prefix: location.prefix,
      description: `${location.scheme}://${location.bucket}/${location.prefix}`,
    });
  }

  /** The object's bytes, or null when there is none. */
  async read(name: string): Promise<Buffer | null> {
    try {
      return await this.objects.read(name + SNAPSHOT_SUFFIX);
    } catch (error) {
      if (error instanceof StorageNotFoundError) return null;
      throw error;
    }
  }

  /** One PUT: object stores replace an object whole, so readers never see half of one. */
  async write(name: string, encoded: EncodedSnapshot): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.prefix + name + SNAPSHOT_SUFFIX,
        Body: Readable.from(encoded.chunks),
        ContentLength: encoded.bytes,
        ContentType: 'application/octet-stream',
      }),
    );
  }
}
