import { stripAnsi } from '../../../contract/ansi.ts';

// 64 KiB of colour-coded text takes about a millisecond to strip: the most one piece holds the
// event loop (the hostile-mix bench row's /livez p99).
const PIECE_BYTES = 64 * 1024;

/**
 * The text of a log slice with ANSI codes stripped, piece by piece (whole lines of about
 * `pieceBytes`): streamed, a 16 MiB slice is never one long job on the thread that answers
 * everyone. (An OSC title spanning a newline is stripped only within a piece.)
 */
export function* strippedPieces(bytes: Buffer, pieceBytes = PIECE_BYTES): Generator<string> {
  let from = 0;
  while (from < bytes.length) {
    const newline = bytes.indexOf(0x0a, Math.min(from + pieceBytes, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    yield stripAnsi(bytes.toString('utf8', from, end));
    from = end;
  }
}
