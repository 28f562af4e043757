import { OVERSIZED } from './records.ts';

// Cuts a JSON Lines file's bytes into batches of whole lines, without decoding them, so each
// batch can be parsed on any thread: lines are independent, a file need not stay on one.

const NEWLINE = 0x0a;

export type LineBatch = Uint8Array | typeof OVERSIZED;

export class LineBatcher {
  private buffer: Uint8Array;
  private used = 0;
  /** Inside a line longer than the limit: bytes are dropped up to its newline. */
  private skipping = false;
  private readonly batchBytes: number;
  private readonly maxRecordBytes: number;

  constructor(batchBytes: number, maxRecordBytes: number) {
    this.batchBytes = batchBytes;
    this.maxRecordBytes = maxRecordBytes;
    this.buffer = new Uint8Array(batchBytes);
  }

  /**
   * Adds bytes; yields each batch that fills up (whole lines, its own buffer, safe to transfer)
   * and OVERSIZED for each line over the limit.
   */
  *push(chunk: Uint8Array): Generator<LineBatch> {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.skipping) {
        const newline = chunk.indexOf(NEWLINE, offset);
        if (newline === -1) return;
        this.skipping = false;
        offset = newline + 1;
        yield OVERSIZED;
        continue;
      }
      const n = Math.min(chunk.length - offset, this.buffer.length - this.used);
      this.buffer.set(chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
      if (this.used < this.buffer.length) continue;
      const last = this.buffer.lastIndexOf(NEWLINE, this.used - 1);
      if (last !== -1) yield this.take(last + 1);
      else if (this.used > this.maxRecordBytes) {
        // The buffer holds one unfinished line, already too long.
        this.used = 0;
        this.skipping = true;
      } else {
        const bigger = new Uint8Array(Math.min(this.buffer.length * 2, this.maxRecordBytes + 1));
        bigger.set(this.buffer);
        this.buffer = bigger;
      }
    }
  }

  /** The last batch once the file has ended (its last line may lack a newline). */
  *end(): Generator<LineBatch> {
    if (this.skipping) yield OVERSIZED;
    else if (this.used > 0) yield this.take(this.used);
    this.skipping = false;
  }

  /** The whole lines still held once reading failed part-way: the unfinished last one is lost. */
  *brokenOff(): Generator<LineBatch> {
    const last = this.skipping ? -1 : this.buffer.lastIndexOf(NEWLINE, this.used - 1);
    if (this.used > 0 && last !== -1) yield this.take(last + 1);
    this.used = 0;
    this.skipping = false;
  }

  /** The first `n` bytes as a batch; the rest (an unfinished line) moves to a new buffer. */
  private take(n: number): Uint8Array {
    const batch = this.buffer.subarray(0, n);
    const rest = this.buffer.subarray(n, this.used);
    this.buffer = new Uint8Array(Math.max(this.batchBytes, rest.length * 2));
    this.buffer.set(rest);
    this.used = rest.length;
    return batch;
  }
}
