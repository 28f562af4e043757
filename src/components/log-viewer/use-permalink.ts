import { useCallback, useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Theme } from '../../lib/theme/theme';
import { lineNumberAt, needsEarlierFor } from './loaded-log';
import type { LoadedLog } from './loaded-log';
import { clampLineRange, formatLineHash, parseLineHash, selectLine } from './permalink';
import type { LineRange } from './permalink';
import { lineIndexOfRow, rowsOfLines } from './row-map';
import { markRows } from './row-marks';
import { markColours } from './terminal-theme';
import { gutterDigits } from './terminal-text';
import type { ShownLog } from './use-terminal-log';
import type { TerminalHandles } from './use-terminal';

const rangeKey = (range: LineRange | null) => (range ? `${range.from}-${range.to}` : '');

interface Loading {
  log: LoadedLog | null;
  loadingEarlier: boolean;
  error: unknown;
  loadEarlier: () => Promise<unknown>;
}

/**
 * Line permalinks (`#L10-L20`): the highlighted lines come from the URL's hash; selecting text
 * or clicking a line number writes it; a link to a line not loaded yet loads earlier pages until
 * it is in, then scrolls to it once.
 */
export function usePermalink({
  handles,
  shown,
  loading,
  theme,
  showNumbers,
}: {
  handles: TerminalHandles | null;
  shown: ShownLog;
  loading: Loading;
  theme: Theme;
  showNumbers: boolean;
}): LineRange | null {
  const navigate = useNavigate();
  const location = useLocation();
  const highlight = parseLineHash(location.hash);
  const scrolledTo = useRef('');
  const state = useRef({ highlight, showNumbers, location });
  useEffect(() => {
    state.current = { highlight, showNumbers, location };
  });

  const setHighlight = useCallback(
    (range: LineRange) => {
      const { location: here } = state.current;
      scrolledTo.current = rangeKey(range);
      void navigate(
        { pathname: here.pathname, search: here.search, hash: formatLineHash(range) },
        { replace: true, preventScrollReset: true },
      );
    },
    [navigate],
  );

  // Load earlier pages until the linked line is in.
  const wantedLine = highlight?.from ?? null;
  const { log, loadingEarlier, error, loadEarlier } = loading;
  useEffect(() => {
    if (wantedLine === null || !log || loadingEarlier || error) return;
    if (needsEarlierFor(log, wantedLine)) void loadEarlier();
  }, [wantedLine, log, loadingEarlier, error, loadEarlier]);

  // Highlight the lines, and scroll to them the first time.
  const highlightKey = rangeKey(highlight);
  const { log: written, rows, version } = shown;
  useEffect(() => {
    const shownLog = written.current;
    const range = state.current.highlight;
    if (!handles || !shownLog || !range || shownLog.firstLine === null) return;
    const inView = clampLineRange(
      range,
      shownLog.firstLine,
      shownLog.firstLine + shownLog.lines.length - 1,
    );
    if (!inView) return;
    const { terminal } = handles;
    const buffer = terminal.buffer.active;
    const [startRow, height] = rowsOfLines(
      rows.current,
      buffer.length,
      inView.from - shownLog.firstLine,
      inView.to - shownLog.firstLine,
    );
    const colours = markColours(theme);
    const marks = markRows(terminal, startRow, height, {
      background: colours.highlight,
      ruler: colours.ruler,
    });
    if (scrolledTo.current !== highlightKey) {
      scrolledTo.current = highlightKey;
      terminal.scrollToLine(Math.max(0, startRow - 3));
    }
    return () => marks.dispose();
  }, [handles, written, rows, version, highlightKey, theme]);

  // Selecting text selects its lines.
  useEffect(() => {
    if (!handles) return;
    const { terminal } = handles;
    const subscription = terminal.onSelectionChange(() => {
      const position = terminal.getSelectionPosition();
      const shownLog = written.current;
      if (!position || !terminal.hasSelection() || !shownLog || shownLog.firstLine === null) return;
      const from = lineNumberAt(shownLog, lineIndexOfRow(rows.current, position.start.y));
      const to = lineNumberAt(shownLog, lineIndexOfRow(rows.current, position.end.y));
      if (from !== null && to !== null) setHighlight({ from, to });
    });
    return () => subscription.dispose();
  }, [handles, written, rows, setHighlight]);

  // Clicking a line number selects that line; shift-click extends the range.
  useEffect(() => {
    if (!handles) return;
    const provider = handles.terminal.registerLinkProvider({
      provideLinks(bufferLine, callback) {
        const shownLog = written.current;
        const row = bufferLine - 1;
        if (!shownLog || !state.current.showNumbers) return callback(undefined);
        const index = lineIndexOfRow(rows.current, row);
        const number = lineNumberAt(shownLog, index);
        if (rows.current[index] !== row || number === null) return callback(undefined);
        const digits = gutterDigits(shownLog.firstLine, shownLog.lines.length);
        callback([
          {
            range: { start: { x: 1, y: bufferLine }, end: { x: digits, y: bufferLine } },
            text: String(number),
            decorations: { pointerCursor: true, underline: false },
            activate: (event) =>
              setHighlight(selectLine(state.current.highlight, number, event.shiftKey)),
          },
        ]);
      },
    });
    return () => provider.dispose();
  }, [handles, written, rows, setHighlight]);

  return highlight;
}
