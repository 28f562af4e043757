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

/** End (exclusive) of the CSI whose parameters start at `from`, or -1 when it has no final byte. */
function csiEnd(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x3f) i++; // parameters
  while (i < bytes.length && bytes[i]! >= 0x20 && bytes[i]! <= 0x2f) i++; // intermediates
  return i < bytes.length && bytes[i]! >= 0x40 && bytes[i]! <= 0x7e ? i + 1 : -1;
}

/** End of the OSC whose body starts at `from`: up to BEL or ESC \ (both taken), a lone ESC or the end. */
function oscEnd(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length && bytes[i] !== BEL && bytes[i] !== ESC) i++;
  if (bytes[i] === BEL) return i + 1;
  return bytes[i] === ESC && bytes[i + 1] === 0x5c ? i + 2 : i;
}

/** End of the control sequence starting at `at`, or -1 when none starts there. */
function sequenceEnd(bytes: Buffer, at: number): number {
  const next = bytes[at + 1];
  if (bytes[at] === C1_CSI_LEAD) return next === C1_CSI_TAIL ? csiEnd(bytes, at + 2) : -1;
  if (next === undefined) return -1;
  if (next === 0x5b) return csiEnd(bytes, at + 2); // ESC [
  if (next === 0x5d) return oscEnd(bytes, at + 2); // ESC ]
  // ESC and one of @-Z, \ ] ^ _ (the pair form; ESC [ and ESC ] are taken above)
  return (next >= 0x40 && next <= 0x5a) || (next >= 0x5c && next <= 0x5f) ? at + 2 : -1;
}

/** End of what is removed at `at` (a sequence or one control byte), or -1 when nothing is. */
function removedEnd(bytes: Buffer, at: number): number {
  const b = bytes[at]!;
  if (b === ESC || b === C1_CSI_LEAD) return sequenceEnd(bytes, at);
  // C0 controls other than tab and newline (ESC is handled above), and DEL.
  return (b <= 0x1f && b !== 0x09 && b !== 0x0a) || b === 0x7f ? at + 1 : -1;
}

/** Bytes that may start something to remove; text without them comes back as it is. */
const mayStartRemoval = (b: number) => b <= 0x1f || b === 0x7f || b === C1_CSI_LEAD;

/**
 * The bytes without escape sequences and control characters, as stripAnsi would leave their
 * text (UTF-8): `bytes` itself when nothing is removed, else a view of `into` (at least as long
 * as `bytes`; `bytes` itself strips in place, the kept bytes never overtake the read ones). Bytes
 * that are not UTF-8 come back in a new buffer: their U+FFFD replacements may be longer.
 */
export function stripAnsiBytes(bytes: Buffer, into?: Buffer): Buffer {
  if (!isUtf8(bytes)) return Buffer.from(stripAnsi(bytes.toString('utf8')));
  const length = bytes.length;
  let at = 0;
  let end = -1;
  // Nothing is copied up to the first removal.
  while (at < length && !(mayStartRemoval(bytes[at]!) && (end = removedEnd(bytes, at)) >= 0)) at++;
  if (at === length) return bytes;
  const out = into ?? Buffer.allocUnsafe(length);
  if (out.length < length) throw new RangeError('stripAnsiBytes: `into` is shorter than the bytes');
  let written = out === bytes ? at : bytes.copy(out, 0, 0, at);
  // Byte by byte: the kept runs of a colour-coded log are short, and a native copy per run
  // cost more than this loop (measured on 16 MiB of the hostile mix's lines).
  for (at = end; at < length;) {
    const b = bytes[at]!;
    if (mayStartRemoval(b) && (end = removedEnd(bytes, at)) >= 0) at = end;
    else {
      out[written++] = b;
      at++;
    }
  }
  return out.subarray(0, written);
}
