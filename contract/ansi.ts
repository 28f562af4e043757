/* eslint-disable no-control-regex -- this file is about control characters */
// Log text may carry terminal control sequences. Colours (SGR) are worth rendering; anything
// that moves the cursor, clears the screen or sets titles would break the viewer's line layout.
// The server strips them before it searches, and the SPA before it shows or copies plain text:
// one grammar, so a match the server reports lies where the reader sees it.

// CSI sequences (ESC [ or the 8-bit CSI, ... final byte), OSC sequences (ESC ] ... BEL or ESC \),
// other ESC pairs.
const CONTROL_SEQUENCE =
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g;
// C0 controls other than tab, newline and ESC (ESC starts the sequences above), and DEL.
const OTHER_CONTROLS = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;
const ANY_CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x9b]/;

/** The text without any escape sequence or control character: what a reader sees. */
export function stripAnsi(text: string): string {
  // Most log lines carry none: one scan instead of two replaces keeps search near grep speed.
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(CONTROL_SEQUENCE, '').replace(OTHER_CONTROLS, '');
}

/** The line with its colour codes kept and every other control sequence removed. */
export function keepColoursOnly(line: string): string {
  return line
    .replace(CONTROL_SEQUENCE, (sequence) => (/^\x1b\[[0-9;:]*m$/.test(sequence) ? sequence : ''))
    .replace(OTHER_CONTROLS, '');
}
