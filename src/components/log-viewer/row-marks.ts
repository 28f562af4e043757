import type { IDisposable, Terminal } from '@xterm/xterm';

// xterm paints a decoration's background on the cells of its first row only (its `height` sizes
// the decoration's element, which has no background), so a highlighted range is one decoration
// per row.

/** More rows than any screen shows; a longer range is marked from its start. */
export const MAX_MARKED_ROWS = 2000;

export interface RowMarkColours {
  background: string;
  ruler: string;
}

/** Paints rows [startRow, startRow + rows) of the active buffer; dispose to clear them. */
export function markRows(
  terminal: Terminal,
  startRow: number,
  rows: number,
  colours: RowMarkColours,
): IDisposable {
  const buffer = terminal.buffer.active;
  const cursorRow = buffer.baseY + buffer.cursorY;
  const marks: IDisposable[] = [];
  for (let row = startRow; row < startRow + Math.min(rows, MAX_MARKED_ROWS); row += 1) {
    const marker = terminal.registerMarker(row - cursorRow);
    marks.push(marker);
    const decoration = terminal.registerDecoration({
      marker,
      width: terminal.cols,
      backgroundColor: colours.background,
      layer: 'bottom',
      overviewRulerOptions: { color: colours.ruler },
    });
    if (decoration) marks.push(decoration);
  }
  return { dispose: () => marks.forEach((mark) => mark.dispose()) };
}
