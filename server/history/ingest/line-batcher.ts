import { OVERSIZED } from './records.ts';

// Cuts a JSON Lines file's bytes into batches of whole lines, without decoding them, so each
// batch can be parsed on any thread: lines are independent, a file need not stay on one.

const NEWLINE = 0x0a;

export type LineBatch = Uint8Array | typeof OVERSIZED;

/**
 * Batch buffers, recycled: a batch a worker has parsed comes back (transferred) and is filled
 * again, so feeding the workers allocates nothing per batch (fresh megabytes are external
 * memory that drives full garbage collections, and page faults on first touch).
 */
export class BatchBuffers {
  readonly bytes: number;
  private readonly keep: number;
  private readonly kept: Uint8Array[] = [];
  /** Buffers allocated so far (the rest of take()'s answers were given back). */
  made = 0;

  /** Buffers of `bytes`; at most `keep` kept free. */
  constructor(bytes: number, keep: number) {
    this.bytes = bytes;
    this.keep = keep;
  }

  /** A buffer of `bytes`, with old bytes in it. */
  take(): Uint8Array {
    const kept = this.kept.pop();
    if (kept) return kept;
    this.made++;
    return new Uint8Array(this.bytes);
  }

  /** A buffer no longer used; kept for take() when of the batch size and room is left. */
  giveBack(buffer: ArrayBuffer): void {
    if (buffer.byteLength === this.bytes && this.kept.length < this.keep)
      this.kept.push(new Uint8Array(buffer));
  }

  /** Drops the free buffers (no load is running: their memory goes back). */
  clear(): void {
    this.kept.length = 0;
  }

  get free(): number {
    return this.kept.length;
  }
}

export class LineBatcher {
  /** The batch being filled; null until bytes come. */
  private buffer: Uint8Array | null = null;
  private used = 0;
  /** Inside a line longer than the limit: bytes are dropped up to its newline. */
  private skipping = false;
  private readonly buffers: BatchBuffers;
  private readonly maxRecordBytes: number;

  constructor(buffers: BatchBuffers, maxRecordBytes: number) {
    this.buffers = buffers;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * The free end of the batch being filled: bytes read into it (from its start) and then
   * pushed are not copied.
   */
  room(): Uint8Array {
    this.buffer ??= this.buffers.take();
    return this.buffer.subarray(this.used);
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
      const room = this.room();
      const n = Math.min(chunk.length - offset, room.length);
      const inPlace = chunk.buffer === room.buffer && chunk.byteOffset + offset === room.byteOffset;
      if (!inPlace) room.set(chunk.subarray(offset, offset + n));
      this.used += n;
      offset += n;
      const buffer = this.buffer!;
      if (this.used < buffer.length) continue;
      const last = buffer.lastIndexOf(NEWLINE, this.used - 1);
      if (last !== -1) yield this.take(last + 1);
      else if (this.used > this.maxRecordBytes) {
        // The buffer holds one unfinished line, already too long.
        this.used = 0;
        this.skipping = true;
      } else {
        const bigger = new Uint8Array(Math.min(buffer.length * 2, this.maxRecordBytes + 1));
        bigger.set(buffer);
        this.buffer = bigger;
        this.buffers.giveBack(buffer.buffer as ArrayBuffer);
      }
    }
  }

  /** The last batch once the file has ended (its last line may lack a newline). */
  *end(): Generator<LineBatch> {
    if (this.skipping) yield OVERSIZED;
    else if (this.used > 0) yield this.take(this.used);
    this.discard();
  }

  /** The whole lines still held once reading failed part-way: the unfinished last one is lost. */
  *brokenOff(): Generator<LineBatch> {
    const last =
      this.skipping || !this.buffer ? -1 : this.buffer.lastIndexOf(NEWLINE, this.used - 1);
    if (this.used > 0 && last !== -1) yield this.take(last + 1);
    this.discard();
  }

  /** The first `n` bytes as a batch; the rest (an unfinished line) moves to the next buffer. */
  private take(n: number): Uint8Array {
    const full = this.buffer!;
    const rest = this.used - n;
    this.buffer = null;
    this.used = 0;
    if (rest > 0) {
      const next = rest * 2 <= this.buffers.bytes ? this.buffers.take() : new Uint8Array(rest * 2);
      next.set(full.subarray(n, n + rest));
      this.buffer = next;
      this.used = rest;
    }
    return full.subarray(0, n);
  }

  /** Drops what is held (the file is done or goes elsewhere): its unsent buffer goes back. */
  discard(): void {
    if (this.buffer) this.buffers.giveBack(this.buffer.buffer as ArrayBuffer);
    this.buffer = null;
    this.used = 0;
    this.skipping = false;
  }
}
