import { isUtf8 } from 'node:buffer';
import { stripAnsi } from '../../../contract/ansi.ts';

// stripAnsi (contract/ansi.ts) on the stored bytes, without decoding them: the text path
// (decode, two regex passes, and an encode when the text goes to a socket) took ~105 ms of CPU per
// 16 MiB of colour-coded log, the byte pass ~55 ms, and it leaves no strings for the GC. Same
// grammar, proved equal to stripAnsi on UTF-8 by ansi-bytes.test.ts; other bytes take the text
// path, whose U+FFFD replacements a byte pass could not reproduce.

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI_LEAD = 0xc2; // U+009B (8-bit CSI) is C2 9B in UTF-8.
const C1_CSI_TAIL = 0x9b;

// Every read below is bounds-checked: a read past the end would deoptimise the loops.

/** End (exclusive) of the CSI whose parameters start at `from`, or -1 when it has no final byte. */
function csiEnd(bytes: Buffer, from: number): number {
  const length = bytes.length;
  let i = from;
  while (i < length && bytes[i]! >= 0x30 && bytes[i]! <= 0x3f) i++; // parameters
  while (i < length && bytes[i]! >= 0x20 && bytes[i]! <= 0x2f) i++; // intermediates
  return i < length && bytes[i]! >= 0x40 && bytes[i]! <= 0x7e ? i + 1 : -1;
}

/** End of the OSC whose body starts at `from`: up to BEL or ESC \ (both taken), a lone ESC or the end. */
function oscEnd(bytes: Buffer, from: number): number {
  const length = bytes.length;
  let i = from;
  while (i < length && bytes[i] !== BEL && bytes[i] !== ESC) i++;
  if (i === length) return length;
  if (bytes[i] === BEL) return i + 1;
  return i + 1 < length && bytes[i + 1] === 0x5c ? i + 2 : i;
}

/** End of what is removed at `at` (a sequence or one control byte), or -1 when nothing is. */
function removedEnd(bytes: Buffer, at: number): number {
  const b = bytes[at]!;
  if (b !== ESC && b !== C1_CSI_LEAD)
    // C0 controls other than tab and newline, and DEL.
    return (b <= 0x1f && b !== 0x09 && b !== 0x0a) || b === 0x7f ? at + 1 : -1;
  if (at + 1 === bytes.length) return -1;
  const next = bytes[at + 1]!;
  if (b === C1_CSI_LEAD) return next === C1_CSI_TAIL ? csiEnd(bytes, at + 2) : -1;
  if (next === 0x5b) return csiEnd(bytes, at + 2); // ESC [
  if (next === 0x5d) return oscEnd(bytes, at + 2); // ESC ]
  // ESC and one of @-Z, \ ] ^ _ (the pair form; ESC [ and ESC ] are taken above)
  return (next >= 0x40 && next <= 0x5a) || (next >= 0x5c && next <= 0x5f) ? at + 2 : -1;
}

/** Bytes that may start something to remove; text without them comes back as it is. */
const mayStartRemoval = (b: number) => b <= 0x1f || b === 0x7f || b === C1_CSI_LEAD;

/** Where the first removal starts, or -1. */
function firstRemoval(bytes: Buffer): number {
  for (let at = 0; at < bytes.length; at++)
    if (mayStartRemoval(bytes[at]!) && removedEnd(bytes, at) >= 0) return at;
  return -1;
}

/**
 * Copies the kept bytes from `at` on to `out` from `written` on; returns the bytes written.
 * Byte by byte: the kept runs of a colour-coded log are short, and a native copy per run cost
 * more than this loop (measured on 16 MiB of the hostile mix's lines). Kept apart from the set-up
 * in stripAnsiBytes so that the optimised loop has no untaken branch to deoptimise on.
 */
function copyKept(bytes: Buffer, at: number, out: Buffer, written: number): number {
  const length = bytes.length;
  let from = at;
  let to = written;
  while (from < length) {
    const b = bytes[from]!;
    const end = mayStartRemoval(b) ? removedEnd(bytes, from) : -1;
    if (end >= 0) from = end;
    else {
      out[to++] = b;
      from++;
    }
  }
  return to;
}

/**
 * The bytes without escape sequences and control characters, as stripAnsi would leave their
 * text (UTF-8): `bytes` itself when nothing is removed, else a view of `into` (at least as long
 * as `bytes`; `bytes` itself strips in place, the kept bytes never overtake the read ones). Bytes
 * that are not UTF-8 come back in a new buffer: their U+FFFD replacements may be longer.
 */
export function stripAnsiBytes(bytes: Buffer, into?: Buffer): Buffer {
  if (!isUtf8(bytes)) return Buffer.from(stripAnsi(bytes.toString('utf8')));
  const first = firstRemoval(bytes);
  if (first < 0) return bytes;
  const out = into ?? Buffer.allocUnsafe(bytes.length);
  if (out.length < bytes.length)
    throw new RangeError('stripAnsiBytes: `into` is shorter than the bytes');
  if (out !== bytes) bytes.copy(out, 0, 0, first);
  return out.subarray(0, copyKept(bytes, first, out, first));
}
