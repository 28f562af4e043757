import type { Storage } from '../../storage/storage.ts';
import { MAX_SLICE_BYTES, NEWLINE, sliceOf, type ByteWindow, type LogSlice } from './log-slice.ts';

// The last N lines of a window of a log file, read backwards from its end in fixed chunks:
// time and memory follow the lines returned, never the file's size.

export const TAIL_CHUNK_BYTES = 64 * 1024;

/**
 * `lines` -1 returns the whole window. A final newline ends the last line; it does not start
 * another. At most `maxBytes` come back: a longer answer starts that far before the end.
 * The whole window is read into `into` when given and large enough (see `ReadTarget`); the
 * line-by-line tail, a few chunks, is not.
 */
export async function tailLines(
  storage: Storage,
  key: string,
  window: ByteWindow,
  lines: number,
  chunkBytes = TAIL_CHUNK_BYTES,
  maxBytes = MAX_SLICE_BYTES,
  into?: Buffer,
): Promise<LogSlice> {
  const floor = Math.max(window.start, window.end - maxBytes);
  if (lines < 0)
    return sliceOf(floor, await storage.read(key, { start: floor, end: window.end, into }));
  if (lines === 0 || window.end <= window.start) return sliceOf(window.end, Buffer.alloc(0));
  const chunks: Buffer[] = [];
  let newlines = 0;
  let position = window.end;
  while (position > floor) {
    const from = Math.max(floor, position - chunkBytes);
    const chunk = await storage.read(key, { start: from, end: position });
    // The window's own last byte is the terminator of the last line, not a separator.
    let index = from + chunk.length === window.end ? chunk.length - 2 : chunk.length - 1;
    while (index >= 0) {
      const found = chunk.lastIndexOf(NEWLINE, index);
      if (found < 0) break;
      if (++newlines === lines) {
        chunks.unshift(chunk.subarray(found + 1));
        return sliceOf(from + found + 1, Buffer.concat(chunks));
      }
      index = found - 1;
    }
    chunks.unshift(chunk);
    position = from;
  }
  return sliceOf(floor, Buffer.concat(chunks));
}
