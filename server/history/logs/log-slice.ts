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

export function sliceOf(start: number, bytes: Buffer): LogSlice {
  return { start, end: start + bytes.length, bytes, firstLine: start === 0 ? 1 : null };
}
