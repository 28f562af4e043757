import type { Storage } from '../../storage/storage.ts';
import { SEARCH_CHUNK_BYTES } from './search-scan.ts';

// Where a search reads one file from: straight into a pooled buffer when the storage can read in
// place (a folder), else the storage's stream (an object store's body). A stream allocates a
// fresh megabyte per chunk; scanning a gigabyte that way spent seconds in garbage collection.

export interface SearchSource {
  chunks: AsyncIterable<Buffer>;
  /** The chunks are views of one buffer, overwritten by the next read (scanLines copies what it keeps). */
  reused: boolean;
  /** Stops reading; the buffer goes back to the pool. */
  close(): Promise<void>;
}

/** Free search buffers kept for the next search; a few, so a burst of searches cannot pin memory. */
const KEPT_BUFFERS = 4;
const freeBuffers: Buffer[] = [];

export async function openSearchSource(
  storage: Storage,
  key: string,
  range: { end?: number; signal?: AbortSignal },
): Promise<SearchSource> {
  if (!storage.readInto) {
    const stream = await storage.stream(key, { ...range, chunkBytes: SEARCH_CHUNK_BYTES });
    return { chunks: stream, reused: false, close: async () => void stream.destroy() };
  }
  const buffer = freeBuffers.pop() ?? Buffer.allocUnsafeSlow(SEARCH_CHUNK_BYTES);
  const giveBack = () => {
    if (freeBuffers.length < KEPT_BUFFERS) freeBuffers.push(buffer);
  };
  const chunks = await storage.readInto(key, buffer, range).catch((error: unknown) => {
    giveBack();
    throw error;
  });
  let closed = false;
  return {
    chunks,
    reused: true,
    async close() {
      if (closed) return;
      closed = true;
      await chunks.close();
      giveBack();
    },
  };
}
