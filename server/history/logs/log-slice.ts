// A part of one log file returned to a client: whole lines, with where they sit in the file.

export interface ByteWindow {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, exclusive. */
  end: number;
}

export interface LogSlice extends ByteWindow {
  bytes: Buffer;
  /** 1-based line number of the first returned line, when known (the slice starts the file). */
  firstLine: number | null;
}

export const NEWLINE = 0x0a;

/**
 * The most bytes one text answer carries, whatever was asked (a tail of a file that is one
 * 200 MB line, `lines=-1` on a 1 GB file, a huge range). Reading stops there, so memory and
 * time stay bounded; the offsets in the answer say where it starts, and paging continues.
 */
export const MAX_SLICE_BYTES = 16 * 1024 * 1024;

export function sliceOf(start: number, bytes: Buffer): LogSlice {
  return { start, end: start + bytes.length, bytes, firstLine: start === 0 ? 1 : null };
}
