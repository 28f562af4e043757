import { stripAnsiBytes } from './ansi-bytes.ts';

// A 16 MiB answer stripped of ANSI codes must not hold the thread that answers everyone: before,
// a synchronous stream handed the socket megabytes per turn (hundreds of milliseconds). It goes
// out in pieces of 64 KiB (about 0.2 ms each as bytes), each stripped and sent within the request
// thread's turn budget (server/http/turn-budget.ts), shared with every other heavy answer.
const PIECE_BYTES = 64 * 1024;

/**
 * The bytes of a log slice with ANSI codes stripped, piece by piece (whole lines of about
 * `pieceBytes`), each stripped when it is asked for. Stripped in place: `bytes` is the caller's
 * own copy (a fresh read), and a 16 MiB answer allocates nothing more.
 * (An OSC title spanning a newline is stripped only within a piece.)
 */
export function* strippedPieces(bytes: Buffer, pieceBytes = PIECE_BYTES): Generator<Buffer> {
  let from = 0;
  while (from < bytes.length) {
    const newline = bytes.indexOf(0x0a, Math.min(from + pieceBytes, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    const piece = bytes.subarray(from, end);
    yield stripAnsiBytes(piece, piece);
    from = end;
  }
}
