import { keepColoursOnly, stripAnsi } from '../../../contract/ansi';

// What the viewer writes into the terminal: each log line (colours kept, other control
// sequences dropped), optionally behind a dimmed line-number gutter.

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** Columns of the number in the gutter: room for the largest number, at least 5. */
export function gutterDigits(firstLine: number | null, lineCount: number): number {
  const last = firstLine === null ? 0 : firstLine + lineCount - 1;
  return Math.max(5, String(last).length);
}

/** The gutter text of one line ("  120 │ "), "?" while numbering is unknown. */
export function gutterText(lineNumber: number | null, digits: number): string {
  return `${(lineNumber === null ? '?' : String(lineNumber)).padStart(digits)} │ `;
}

/** The whole terminal content; lines are joined with CRLF so no trailing empty row appears. */
export function terminalText(
  lines: readonly string[],
  firstLine: number | null,
  showNumbers: boolean,
): string {
  const digits = gutterDigits(firstLine, lines.length);
  return lines
    .map((line, index) => {
      const text = keepColoursOnly(line);
      if (!showNumbers) return text;
      const number = firstLine === null ? null : firstLine + index;
      // Reset first so a colour left open by the previous line does not tint the gutter.
      return `${RESET}${DIM}${gutterText(number, digits)}${RESET}${text}`;
    })
    .join('\r\n');
}

/** The loaded lines as plain text for the accessible copy and "copy". */
export function plainText(lines: readonly string[]): string {
  return lines.map(stripAnsi).join('\n');
}
