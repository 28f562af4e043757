import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { LoadedLog } from './loaded-log';
import { lineIndexOfRow, lineStartRows } from './row-map';
import { terminalText } from './terminal-text';
import type { TerminalHandles } from './use-terminal';

/** What the terminal shows, for mapping its rows back to log lines. */
export interface ShownLog {
  /** The log as last written to the terminal (null before the first write). */
  log: RefObject<LoadedLog | null>;
  /** The first terminal row of each shown line (wrapped lines take several rows). */
  rows: RefObject<number[]>;
  /** Bumped after every (re)write and resize: marks and searches depending on rows redo. */
  version: number;
}

/** Writes the loaded lines into the terminal; keeps the line at the top of the view where it was. */
export function useTerminalLog(
  handles: TerminalHandles | null,
  log: LoadedLog | null,
  showNumbers: boolean,
): ShownLog {
  const written = useRef<LoadedLog | null>(null);
  const rows = useRef<number[]>([]);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!handles || !log) return;
    const { terminal } = handles;
    const previous = written.current;
    const keepTop =
      previous && previous.endOffset === log.endOffset
        ? lineIndexOfRow(rows.current, terminal.buffer.active.viewportY) +
          (log.lines.length - previous.lines.length)
        : null;
    const mapRows = () => {
      const buffer = terminal.buffer.active;
      const wrapped: boolean[] = [];
      for (let row = 0; row < buffer.length; row += 1)
        wrapped.push(buffer.getLine(row)?.isWrapped ?? false);
      rows.current = lineStartRows(wrapped, log.lines.length);
    };
    terminal.reset();
    terminal.write(terminalText(log.lines, log.firstLine, showNumbers), () => {
      mapRows();
      written.current = log;
      if (keepTop !== null) terminal.scrollToLine(rows.current[keepTop] ?? 0);
      else terminal.scrollToBottom();
      setVersion((v) => v + 1);
    });
    const resized = terminal.onResize(() => {
      mapRows();
      setVersion((v) => v + 1);
    });
    return () => resized.dispose();
  }, [handles, log, showNumbers]);

  return { log: written, rows, version };
}
