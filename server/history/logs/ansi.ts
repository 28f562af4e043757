// Terminal colour and title codes in Ray's logs: CSI (`ESC [ ... final`, also the 8-bit
// form) and OSC (`ESC ] ... BEL` or `ESC ] ... ESC \`). Other bytes are left untouched.

// eslint-disable-next-line no-control-regex -- matching control codes is the point
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}

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
