import { PassThrough, Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { assertSafeKey } from './fs-storage.ts';
import {
  StorageNotFoundError,
  StorageUnavailableError,
  type ListOptions,
  type ListPage,
  type ReadRange,
  type Storage,
  type StorageEntry,
} from './storage.ts';

// Storage over an S3-compatible bucket (AWS S3, Alibaba OSS, MinIO) through @aws-sdk/client-s3.
// Keys are relative to `prefix` inside the bucket. Missing objects become StorageNotFoundError;
// every other failure (after the client's own retries) becomes StorageUnavailableError.

/** ListObjectsV2 never answers more than this many keys per page. */
const MAX_KEYS = 1000;

export interface S3StorageOptions {
  client: S3Client;
  bucket: string;
  /** '' or a folder prefix ending with '/'. */
  prefix: string;
  /** For logs and /readz, e.g. `oss://bucket/prefix`. */
  description: string;
}

export class S3Storage implements Storage {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StorageOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.description = options.description;
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    assertSafeKey(prefix.slice(0, prefix.lastIndexOf('/') + 1));
    const command = new ListObjectsV2Command({
      Bucket: this.bucket,
      Prefix: this.prefix + prefix,
      Delimiter: options.delimited ? '/' : undefined,
      ContinuationToken: options.cursor,
      MaxKeys: Math.min(MAX_KEYS, Math.max(1, options.limit ?? MAX_KEYS)),
    });
    const answer = await this.client.send(command).catch((error: unknown) => {
      throw unavailable(prefix, error);
    });
    const files: StorageEntry[] = (answer.Contents ?? []).flatMap((object) =>
      object.Key === undefined || object.Key.endsWith('/')
        ? [] // folder placeholder objects some tools create
        : [
            {
              key: this.relative(object.Key),
              isFolder: false,
              size: object.Size ?? 0,
              mtime: object.LastModified?.getTime() ?? 0,
            },
          ],
    );
    const folders: StorageEntry[] = (answer.CommonPrefixes ?? []).flatMap((common) =>
      common.Prefix === undefined
        ? []
        : [{ key: this.relative(common.Prefix), isFolder: true, size: 0, mtime: 0 }],
    );
    const entries = [...files, ...folders].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );
    const cursor = answer.IsTruncated ? answer.NextContinuationToken : undefined;
    return cursor ? { entries, cursor } : { entries };
  }

  async stat(key: string): Promise<StorageEntry | null> {
    assertSafeKey(key);
    if (key === '' || key.endsWith('/')) return null;
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
      );
      return {
        key,
        isFolder: false,
        size: head.ContentLength ?? 0,
        mtime: head.LastModified?.getTime() ?? 0,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw unavailable(key, error);
    }
  }

  async read(key: string, range: ReadRange = {}): Promise<Buffer> {
    const body = await this.get(key, range);
    if (!body) return Buffer.alloc(0);
    try {
      return Buffer.from(await body.transformToByteArray());
    } catch (error) {
      throw unavailable(key, error);
    }
  }

  async stream(key: string, range: ReadRange & { signal?: AbortSignal } = {}): Promise<Readable> {
    const body = await this.get(key, range, range.signal);
    if (!body) return Readable.from([]);
    // A connection lost mid-body surfaces as StorageUnavailableError, like a failed request.
    const out = new PassThrough();
    const source = body as unknown as Readable;
    source.on('error', (error) => out.destroy(unavailable(key, error)));
    out.on('close', () => {
      if (!source.readableEnded) source.destroy();
    });
    return source.pipe(out);
  }

  /** The object's body for a range, or null when the range is empty. */
  private async get(key: string, range: ReadRange, abortSignal?: AbortSignal) {
    assertSafeKey(key);
    if (key === '' || key.endsWith('/')) throw new StorageNotFoundError(key);
    const start = Math.max(0, range.start ?? 0);
    if (range.end !== undefined && range.end <= start) {
      // Nothing to read, but a missing object must still say so.
      if (!(await this.stat(key))) throw new StorageNotFoundError(key);
      return null;
    }
    const wanted = range.start !== undefined || range.end !== undefined;
    const last = range.end === undefined ? '' : String(range.end - 1);
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          Range: wanted ? `bytes=${start}-${last}` : undefined,
        }),
        { abortSignal },
      );
      return answer.Body ?? null;
    } catch (error) {
      if (isNotFound(error)) throw new StorageNotFoundError(key);
      // The range starts at or past the end of an object that exists.
      if (statusOf(error) === 416) return null;
      if (isAbort(error)) throw error;
      throw unavailable(key, error);
    }
  }

  private relative(fullKey: string): string {
    return fullKey.slice(this.prefix.length);
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}

function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

function unavailable(key: string, error: unknown): StorageUnavailableError {
  const status = statusOf(error);
  const reason = (error as Error | undefined)?.name ?? 'error';
  const detail = status ? `${reason} (HTTP ${status})` : reason;
  return new StorageUnavailableError(`Object storage failed for ${key || '/'}: ${detail}`, {
    cause: error,
  });
}
