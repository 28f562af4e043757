import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Storage } from '../../storage/storage.ts';

// The bytes of one stored file, gunzipped when its name ends in `.gz`, as a stream of chunks.

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

/**
 * Streams `key`, calling `onStoredBytes` with the size of each chunk as stored (before gunzip),
 * so progress can be measured against listing sizes.
 */
export async function fileChunks(
  storage: Storage,
  key: string,
  onStoredBytes: (bytes: number) => void,
): Promise<AsyncIterable<Buffer>> {
  const raw = await storage.stream(key, { chunkBytes: READ_CHUNK_BYTES });
  if (!isGzipName(key)) return countedChunks(raw, onStoredBytes);
  const gunzip = createGunzip();
  // The consumer iterates `gunzip`; a failure on either side destroys it with that error.
  pipeline(raw, gunzip).catch(() => undefined);
  // A second 'data' listener only observes: pipeline keeps the flow and the backpressure.
  raw.on('data', (chunk: Buffer) => onStoredBytes(chunk.length));
  return gunzip;
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
