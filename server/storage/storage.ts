import type { Readable } from 'node:stream';

// The one interface every storage backend implements (local folder, S3/OSS).
// Keys are '/'-separated and relative to the configured root; they never start with '/'.

export interface StorageEntry {
  /** Full key, relative to the storage root. Folders (common prefixes) end with '/'. */
  key: string;
  isFolder: boolean;
  /** Bytes; 0 for folders. */
  size: number;
  /** Last modification, unix ms; 0 when unknown (folders). */
  mtime: number;
}

export interface ListOptions {
  /** true: only direct children, folders collapsed to 'prefix/child/' entries (like S3 delimiter '/'). */
  delimited?: boolean;
  /** Opaque continuation token from a previous page. */
  cursor?: string;
  /** Upper bound on entries per page (a backend may return fewer). */
  limit?: number;
}

export interface ListPage {
  entries: StorageEntry[];
  /** Present when more entries follow. */
  cursor?: string;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Preferred chunk size, a hint (a file honours it; an object store's body arrives as sent). */
  chunkBytes?: number;
}

export interface ReadRange {
  /** First byte, inclusive. */
  start?: number;
  /** Last byte, exclusive. */
  end?: number;
}

export interface ReadTarget {
  /**
   * Where to put the bytes when it is large enough: the answer is then a view of it, valid as
   * long as its owner does not reuse it (a 16 MiB log slice per answer is external memory that
   * drives full garbage collections). A backend whose bytes arrive as a network body may ignore it.
   */
  into?: Buffer;
}

/** An object's bytes read chunk by chunk into one buffer, again and again (see `Storage.readInto`). */
export interface ReusedChunks extends AsyncIterable<Buffer> {
  /** Ends reading and releases the file; safe to call twice, and before iterating. */
  close(): Promise<void>;
}

/** An object's bytes read in order, each read into a buffer the caller hands in (see `Storage.openReader`). */
export interface ObjectReader {
  /** Reads the next bytes into `into` (as many as fit); the count, 0 once the object has ended. */
  read(into: Uint8Array): Promise<number>;
  /** Releases the file; safe to call twice. */
  close(): Promise<void>;
}

export interface Storage {
  /** Entries whose key starts with `prefix` (a folder prefix should end with '/'), in key order. */
  list(prefix: string, options?: ListOptions): Promise<ListPage>;
  /** Metadata of one object, or null when it does not exist. */
  stat(key: string): Promise<StorageEntry | null>;
  /** Bytes [start, end) of one object; shorter at the end of the object. Throws NotFoundError. */
  read(key: string, range?: ReadRange & ReadTarget): Promise<Buffer>;
  /** The object (or a byte range of it) as a stream. Throws NotFoundError. */
  stream(key: string, range?: ReadRange & StreamOptions): Promise<Readable>;
  /**
   * The object (or a byte range of it) read into `buffer` a chunk at a time: each chunk is a view
   * of `buffer`, valid only until the next one is asked for. Reading a file this way allocates
   * nothing per chunk (a stream allocates a fresh buffer each, garbage a scan of a gigabyte pays
   * for in collections). Optional: a backend whose bytes arrive as a network body (S3) has none,
   * callers then use `stream`. Throws NotFoundError.
   */
  readInto?(
    key: string,
    buffer: Buffer,
    range?: ReadRange & { signal?: AbortSignal },
  ): Promise<ReusedChunks>;
  /**
   * The object (or a byte range of it) read straight into the caller's buffers, one read each:
   * no chunk allocated, no byte copied on the way (event files go this way into the batches
   * handed to the parse threads). Optional, like `readInto`: an object store has none, callers
   * then use `stream`. Throws NotFoundError.
   */
  openReader?(key: string, range?: ReadRange & { signal?: AbortSignal }): Promise<ObjectReader>;
  /** A short name for logs and /readz, e.g. `file:///data` or `s3://bucket/prefix`. */
  readonly description: string;
}

export class StorageNotFoundError extends Error {
  readonly key: string;

  constructor(key: string) {
    super(`No object at ${key}`);
    this.name = 'StorageNotFoundError';
    this.key = key;
  }
}

/** Storage could not be reached or failed mid-request (maps to 503). */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** Every entry under a prefix, across pages. */
export async function* listAll(
  storage: Storage,
  prefix: string,
  options: Omit<ListOptions, 'cursor'> = {},
): AsyncGenerator<StorageEntry> {
  let cursor: string | undefined;
  do {
    const page = await storage.list(prefix, { ...options, cursor });
    yield* page.entries;
    cursor = page.cursor;
  } while (cursor);
}
