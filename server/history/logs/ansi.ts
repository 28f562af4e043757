import { setImmediate as nextTurn } from 'node:timers/promises';
import { stripAnsiBytes } from './ansi-bytes.ts';

// A 16 MiB answer stripped of ANSI codes must not hold the thread that answers everyone: before,
// a synchronous stream handed the socket megabytes per turn (hundreds of milliseconds). Pieces of
// 64 KiB (about 0.2 ms each as bytes) go out until a turn has taken TURN_MS, then the event loop
// turns: bounded work per turn, yet as fast as the machine allows when it is idle.
const PIECE_BYTES = 64 * 1024;
const TURN_MS = 1;

/**
 * The bytes of a log slice with ANSI codes stripped, piece by piece (whole lines of about
 * `pieceBytes`), letting the event loop turn after each `turnMs` of work. Stripped in place:
 * `bytes` is the caller's own copy (a fresh read), and a 16 MiB answer allocates nothing more.
 * (An OSC title spanning a newline is stripped only within a piece.)
 */
export async function* strippedPieces(
  bytes: Buffer,
  pieceBytes = PIECE_BYTES,
  turnMs = TURN_MS,
): AsyncGenerator<Buffer> {
  let turnStarted = performance.now();
  let from = 0;
  while (from < bytes.length) {
    if (from > 0 && performance.now() - turnStarted >= turnMs) {
      await nextTurn();
      turnStarted = performance.now();
    }
    const newline = bytes.indexOf(0x0a, Math.min(from + pieceBytes, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    const piece = bytes.subarray(from, end);
    yield stripAnsiBytes(piece, piece);
    from = end;
  }
}
