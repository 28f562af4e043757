/* eslint-disable no-control-regex -- this file is about control characters */
// Log text may carry terminal control sequences. Colours (SGR) are worth rendering; anything
// that moves the cursor, clears the screen or sets titles would break the viewer's line layout.

// CSI sequences (ESC [ ... final byte), OSC sequences (ESC ] ... BEL or ESC \), other ESC pairs.
const CONTROL_SEQUENCE =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g;
const OTHER_CONTROLS = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;

/** The line without any escape sequence or control character: what a reader sees. */
export function stripAnsi(line: string): string {
  return line.replace(CONTROL_SEQUENCE, '').replace(OTHER_CONTROLS, '');
}

/** The line with its colour codes kept and every other control sequence removed. */
export function keepColoursOnly(line: string): string {
  return line
    .replace(CONTROL_SEQUENCE, (sequence) => (/^\x1b\[[0-9;:]*m$/.test(sequence) ? sequence : ''))
    .replace(OTHER_CONTROLS, '');
}
