import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ObjectReader, Storage } from '../../storage/storage.ts';

// The bytes of one stored file, gunzipped when its name ends in `.gz`: read straight into the
// caller's buffers where the storage can (a plain local file), else as a stream of chunks.

export function isGzipName(key: string): boolean {
  return key.endsWith('.gz');
}

/**
 * Event files are read whole, so in large pieces: a file's default 64 KiB chunks cost a stream
 * round and a buffer each, 4,000 per 256 MiB, in the thread that also hands batches out.
 */
const READ_CHUNK_BYTES = 1024 * 1024;

/** zlib's errors (truncated or corrupt data) carry codes like Z_DATA_ERROR or Z_BUF_ERROR. */
export function isCorruptDataError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** One stored file's bytes, in order: iterate it, or ask for them with `next`, not both. */
export interface FileBytes extends AsyncIterable<Buffer> {
  /**
   * The next bytes, or null once the file has ended. Read into `room` where the storage can:
   * then a view of `room` from its start; else a chunk of the stream's own, for the caller to copy.
   */
  next(room: Uint8Array): Promise<Uint8Array | null>;
  /** Stops reading, also part-way; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens `key` (listed as `size` bytes), calling `onStoredBytes` with the size of each piece as
 * stored (before gunzip), so progress can be measured against listing sizes.
 */
export async function fileBytes(
  storage: Storage,
  key: string,
  size: number,
  onStoredBytes: (bytes: number) => void,
): Promise<FileBytes> {
  if (!isGzipName(key) && storage.openReader)
    return readBytes(await storage.openReader(key), size, onStoredBytes);
  const raw = await storage.stream(key, { chunkBytes: READ_CHUNK_BYTES });
  if (!isGzipName(key)) return streamBytes(raw, countedChunks(raw, onStoredBytes));
  const gunzip = createGunzip();
  // The consumer iterates `gunzip`; a failure on either side destroys it with that error.
  pipeline(raw, gunzip).catch(() => undefined);
  // A second 'data' listener only observes: pipeline keeps the flow and the backpressure.
  raw.on('data', (chunk: Buffer) => onStoredBytes(chunk.length));
  return streamBytes(gunzip, gunzip);
}

function readBytes(
  reader: ObjectReader,
  size: number,
  onStoredBytes: (bytes: number) => void,
): FileBytes {
  const next = async (room: Uint8Array) => {
    const bytesRead = await reader.read(room);
    if (bytesRead === 0) {
      await reader.close();
      return null;
    }
    onStoredBytes(bytesRead);
    return room.subarray(0, bytesRead);
  };
  return {
    next,
    close: () => reader.close(),
    async *[Symbol.asyncIterator]() {
      try {
        // A fresh buffer per chunk: an iterating consumer may keep the chunks it was given.
        const chunkBytes = Math.max(1, Math.min(READ_CHUNK_BYTES, size));
        for (;;) {
          const chunk = await next(Buffer.allocUnsafeSlow(chunkBytes));
          if (!chunk) return;
          yield chunk as Buffer;
        }
      } finally {
        await reader.close();
      }
    },
  };
}

function streamBytes(stream: Readable, chunks: AsyncIterable<Buffer>): FileBytes {
  let iterator: AsyncIterator<Buffer> | undefined;
  return {
    async next() {
      iterator ??= chunks[Symbol.asyncIterator]();
      const result = await iterator.next();
      return result.done ? null : result.value;
    },
    close: async () => void stream.destroy(),
    [Symbol.asyncIterator]: () => chunks[Symbol.asyncIterator](),
  };
}

async function* countedChunks(
  raw: Readable,
  onStoredBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  for await (const chunk of raw as AsyncIterable<Buffer>) {
    onStoredBytes(chunk.length);
    yield chunk;
  }
}
