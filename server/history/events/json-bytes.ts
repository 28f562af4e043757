// JSON text appended straight into bytes. A page of a million-attempt session is written many
// times a second: joining it into one big string first would put every answer in V8's old space
// (large strings skip the young generation), and collecting those means full collections over
// the whole reduced session. Here only the small pieces are strings; the bytes live in one
// reusable buffer and each answer is copied out once.

/** Past this, a buffer grown for one huge answer is let go instead of kept for the next. */
const KEEP_BYTES = 4 * 1024 * 1024;
const INITIAL_BYTES = 256 * 1024;

export class JsonBytes {
  private buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private length = 0;

  append(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const needed = this.length + text.length * 3;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  }

  /** The bytes written so far, as a buffer of their own; the writer starts empty again. */
  take(): Buffer {
    const out = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    if (this.buffer.length > KEEP_BYTES) this.buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES);
    return out;
  }
}
