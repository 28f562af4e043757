import type { Storage } from '../../storage/storage.ts';
import { MAX_SLICE_BYTES, NEWLINE, sliceOf, type ByteWindow, type LogSlice } from './log-slice.ts';

// Byte ranges of a log file snapped to whole lines, so pages requested one after another
// (the next start = the previous end) put the file back together exactly.

/** How far a range edge may move to reach a line boundary; a longer line is cut there. */
export const MAX_LINE_BYTES = 1024 * 1024;
const PROBE_BYTES = 16 * 1024;

async function lineStartAtOrBefore(storage: Storage, key: string, at: number, floor: number) {
  let position = at;
  const limit = Math.max(floor, at - MAX_LINE_BYTES);
  while (position > limit) {
    const from = Math.max(limit, position - PROBE_BYTES);
    const chunk = await storage.read(key, { start: from, end: position });
    const found = chunk.lastIndexOf(NEWLINE);
    if (found >= 0) return from + found + 1;
    position = from;
  }
  return limit;
}

async function lineEndAtOrAfter(storage: Storage, key: string, at: number, ceiling: number) {
  let position = at;
  const limit = Math.min(ceiling, at + MAX_LINE_BYTES);
  while (position < limit) {
    const to = Math.min(limit, position + PROBE_BYTES);
    const chunk = await storage.read(key, { start: position, end: to });
    if (chunk.length === 0) return position;
    const found = chunk.indexOf(NEWLINE);
    if (found >= 0) return position + found + 1;
    position += chunk.length;
  }
  return limit;
}

const clamp = (n: number, w: ByteWindow) => Math.min(Math.max(n, w.start), w.end);

/**
 * Bytes [start, end) widened to whole lines: start back to its line's start, end on to its line's
 * end. The slice is read into `into` when given and large enough (see `ReadTarget`).
 */
export async function lineRange(
  storage: Storage,
  key: string,
  window: ByteWindow,
  start: number,
  end: number,
  into?: Buffer,
): Promise<LogSlice> {
  let from = clamp(start, window);
  let to = Math.min(Math.max(from, clamp(end, window)), from + MAX_SLICE_BYTES);
  if (from > window.start) from = await lineStartAtOrBefore(storage, key, from, window.start);
  if (to > from && to < window.end) to = await lineEndAtOrAfter(storage, key, to - 1, window.end);
  return sliceOf(from, await storage.read(key, { start: from, end: to, into }));
}

/** Up to `bytes` bytes of whole lines ending just before `before` ("load earlier"); `into` as above. */
export async function linesBefore(
  storage: Storage,
  key: string,
  window: ByteWindow,
  before: number,
  bytes: number,
  into?: Buffer,
): Promise<LogSlice> {
  const to = clamp(before, window);
  const from = Math.max(window.start, to - Math.min(bytes, MAX_SLICE_BYTES));
  if (from === window.start)
    return sliceOf(from, await storage.read(key, { start: from, end: to, into }));
  // One byte more, so a newline right before `from` shows that `from` already starts a line.
  const chunk = await storage.read(key, { start: from - 1, end: to, into });
  const found = chunk.indexOf(NEWLINE);
  // A single line longer than `bytes` comes back cut; the next page continues it.
  if (found < 0 || found === chunk.length - 1) return sliceOf(from, chunk.subarray(1));
  return sliceOf(from + found, chunk.subarray(found + 1));
}
