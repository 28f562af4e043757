// JSON text appended straight into bytes. A page of a million-attempt session is written many
// times a second: joining it into one big string first would put every answer in V8's old space
// (large strings skip the young generation), and collecting those means full collections over
// the whole reduced session. Here the bytes live in one reusable buffer and each answer is
// copied out once. Pieces written often (keys, pool strings, numbers) go in as bytes, not as
// strings: concatenating strings per row, then encoding them, was most of a page's cost.

/** Past this, a buffer grown for one huge answer is let go instead of kept for the next. */
const KEEP_BYTES = 4 * 1024 * 1024;
const INITIAL_BYTES = 256 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const BILLION = 1_000_000_000;
const POWERS_OF_TEN = Float64Array.from({ length: 10 }, (_, i) => 10 ** i);
/** The two decimal digits of 0–99, as they lie in memory (little-endian u16). */
const DIGIT_PAIRS = Uint16Array.from({ length: 100 }, (_, n) => {
  const pair = String(n).padStart(2, '0');
  return pair.charCodeAt(0) | (pair.charCodeAt(1) << 8);
});
/** The two lowercase hex digits of each byte value, as they lie in memory (little-endian u16). */
const HEX_PAIRS = Uint16Array.from({ length: 256 }, (_, byte) => {
  const pair = byte.toString(16).padStart(2, '0');
  return pair.charCodeAt(0) | (pair.charCodeAt(1) << 8);
});

/** Bytes of text that is known to be ASCII (keys and punctuation written by the code). */
export function asciiBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** Text known to be ASCII (keys and punctuation written by the code), as a run to copy. */
export function asciiRun(text: string): DataView {
  return viewOf(asciiBytes(text));
}

/** A DataView of all of `bytes`: copies through it move four bytes at a time. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class JsonBytes {
  private buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private words = viewOf(this.buffer);
  private length = 0;

  /** Room for `bytes` more bytes. */
  private reserve(bytes: number): void {
    const needed = this.length + bytes;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
    this.words = viewOf(grown);
  }

  append(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length);
  }

  /**
   * `source[from, to)` as they are, four bytes per step: pool strings (ids, names, log paths)
   * are most of a page's bytes, and a byte loop or a native copy per piece cost more.
   */
  view(source: DataView, from: number, to: number): void {
    this.reserve(to - from);
    const out = this.words;
    let at = this.length;
    let i = from;
    for (; i + 4 <= to; i += 4, at += 4) out.setUint32(at, source.getUint32(i, true), true);
    for (; i < to; i++, at++) out.setUint8(at, source.getUint8(i));
    this.length = at;
  }

  /** All of `source` (made by `asciiRun`). */
  run(source: DataView): void {
    this.view(source, 0, source.byteLength);
  }

  /** A number as JSON.stringify writes it. */
  number(n: number): void {
    if (!Number.isSafeInteger(n)) {
      this.append(Number.isFinite(n) ? String(n) : 'null');
      return;
    }
    this.reserve(17);
    if (n < 0) {
      this.buffer[this.length++] = MINUS;
      n = -n;
    }
    // Small-integer arithmetic only: a millisecond timestamp is written as two halves.
    if (n < BILLION) this.digits(n, 0);
    else {
      const high = Math.floor(n / BILLION);
      this.digits(high, 0);
      this.digits(n - high * BILLION, 9);
    }
  }

  /** The decimal digits of `n` (< 1e9), zero-padded to `width`. */
  private digits(n: number, width: number): void {
    // As an int32, so dividing by a constant compiles to a multiplication, not a float division
    // (a millisecond timestamp took ~90 ns, now ~35 ns), and two digits per step.
    n |= 0;
    // Counted by comparisons: a division per digit here cost as much as writing the digits.
    let count = 1;
    while (count < 9 && n >= POWERS_OF_TEN[count]!) count++;
    if (count < width) count = width;
    const out = this.words;
    let at = this.length + count;
    this.length = at;
    for (let left = count; left >= 2; left -= 2) {
      const next = (n / 100) | 0;
      at -= 2;
      out.setUint16(at, DIGIT_PAIRS[n - next * 100]!, true);
      n = next;
    }
    if (count % 2 === 1) out.setUint8(at - 1, ZERO + n);
  }

  /** A string as JSON.stringify quotes it. */
  quoted(text: string): void {
    const n = text.length;
    this.reserve(n + 2);
    const buffer = this.buffer;
    const start = this.length;
    let at = start;
    buffer[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Anything JSON escapes or UTF-8 widens takes the general path.
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        this.length = start;
        this.append(JSON.stringify(text));
        return;
      }
      buffer[at++] = c;
    }
    buffer[at++] = QUOTE;
    this.length = at;
  }

  /** `bytes[from, from + count)` as a quoted string of lowercase hex, as a task id is shown. */
  quotedHex(bytes: Uint8Array, from: number, count: number): void {
    this.reserve(2 * count + 2);
    const out = this.words;
    let at = this.length;
    out.setUint8(at++, QUOTE);
    for (let i = from; i < from + count; i++, at += 2)
      out.setUint16(at, HEX_PAIRS[bytes[i]!]!, true);
    out.setUint8(at++, QUOTE);
    this.length = at;
  }

  /** The bytes written so far, as a buffer of their own; the writer starts empty again. */
  take(): Buffer {
    const out = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    if (this.buffer.length > KEEP_BYTES) this.replaceBuffer();
    return out;
  }

  /**
   * The bytes written so far, not copied: they stay valid until the next write, unless `keepLent`
   * is called first. The writer starts empty again. A page copied out per answer was 117 KB of
   * external memory per request, and that memory's pressure started a full collection every
   * few hundred pages.
   */
  lend(): Buffer {
    const out = this.buffer.subarray(0, this.length);
    this.length = 0;
    if (this.buffer.length > KEEP_BYTES) this.replaceBuffer();
    return out;
  }

  /** The bytes last lent must outlive this turn: they are left to the borrower. */
  keepLent(): void {
    this.replaceBuffer();
  }

  private replaceBuffer(): void {
    this.buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES);
    this.words = viewOf(this.buffer);
  }
}
