import { setImmediate as nextTurn } from 'node:timers/promises';
import { stripAnsiBytes } from './ansi-bytes.ts';

// 256 KiB of colour-coded text takes well under a millisecond to strip as bytes; one piece per
// event-loop turn keeps a 16 MiB answer from holding the thread that answers everyone (before,
// a synchronous stream handed the socket megabytes per turn: hundreds of milliseconds).
const PIECE_BYTES = 256 * 1024;

/**
 * The bytes of a log slice with ANSI codes stripped, piece by piece (whole lines of about
 * `pieceBytes`), one piece per event-loop turn. Stripped in place: `bytes` is the caller's own
 * copy (a fresh read), and a 16 MiB answer allocates nothing more. (An OSC title spanning a
 * newline is stripped only within a piece.)
 */
export async function* strippedPieces(
  bytes: Buffer,
  pieceBytes = PIECE_BYTES,
): AsyncGenerator<Buffer> {
  let from = 0;
  while (from < bytes.length) {
    if (from > 0) await nextTurn();
    const newline = bytes.indexOf(0x0a, Math.min(from + pieceBytes, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    const piece = bytes.subarray(from, end);
    yield stripAnsiBytes(piece, piece);
    from = end;
  }
}
