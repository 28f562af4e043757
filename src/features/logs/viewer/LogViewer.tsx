import '@xterm/xterm/css/xterm.css';
import './log-viewer.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTheme } from '../../../app/theme/ThemeProvider';
import { useDocumentTitle } from '../../../app/use-document-title';
import { AppLink } from '../../../components/ui/AppLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Skeleton } from '../../../components/ui/Skeleton';
import { paths } from '../../../../contract/paths';
import { useSessionScope } from '../../session/SessionScopeContext';
import { logDownloadUrl } from '../api/get-log-chunk';
import { formatSize } from '../format-size';
import { lineNumberAt, needsEarlierFor, reachedStart } from '../loaded-log';
import type { LoadedLog } from '../loaded-log';
import { downloadName, logTitle } from '../log-source';
import type { LogSource } from '../log-source';
import { clampLineRange, formatLineHash, parseLineHash, selectLine } from '../permalink';
import type { LineRange } from '../permalink';
import type { SearchMode } from '../search-mode';
import { LogSearchBar } from './LogSearchBar';
import type { MatchCount } from './LogSearchBar';
import { lineIndexOfRow, lineStartRows, rowsOfLines } from './row-map';
import { markRows } from './row-marks';
import { shortcutFor } from './shortcuts';
import { markColours } from './terminal-theme';
import { gutterDigits, plainText, terminalText } from './terminal-text';
import { useLoadedLog } from './use-loaded-log';
import { useTerminal } from './use-terminal';

const rangeKey = (range: LineRange | null) => (range ? `${range.from}-${range.to}` : '');

/**
 * A log in a terminal: tail first, "load earlier", find, line permalinks, copy and download.
 * The browser tab is named after the file shown, then `titleContext` (whose log it is).
 */
export default function LogViewer({
  source,
  titleContext,
}: {
  source: LogSource;
  titleContext?: string;
}) {
  const scope = useSessionScope();
  const { theme } = useTheme();
  const navigate = useNavigate();
  const location = useLocation();
  const highlight = parseLineHash(location.hash);
  const loaded = useLoadedLog(scope, source);
  const { log, loadEarlier, loadingEarlier } = loaded;
  useDocumentTitle(logTitle(source, loaded.filename, titleContext));

  const containerRef = useRef<HTMLDivElement>(null);
  const handles = useTerminal(containerRef, theme);
  const [showNumbers, setShowNumbers] = useState(true);
  const [search, setSearch] = useState<{ text: string; mode: SearchMode }>({
    text: '',
    mode: 'plain',
  });
  const [matches, setMatches] = useState<MatchCount | null>(null);
  const [notice, setNotice] = useState('');
  const searchInput = useRef<HTMLInputElement>(null);

  // What the terminal shows, for mapping rows to lines; bumped after every (re)write.
  const written = useRef<LoadedLog | null>(null);
  const rows = useRef<number[]>([]);
  const [writtenVersion, setWrittenVersion] = useState(0);
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

  // Write the loaded lines; keep the line at the top of the view where it was.
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
      setWrittenVersion((v) => v + 1);
    });
    const resized = terminal.onResize(() => {
      mapRows();
      setWrittenVersion((v) => v + 1);
    });
    return () => resized.dispose();
  }, [handles, log, showNumbers]);

  // Permalink: load earlier pages until the linked line is in.
  const wantedLine = highlight?.from ?? null;
  useEffect(() => {
    if (wantedLine === null || !log || loadingEarlier || loaded.error) return;
    if (needsEarlierFor(log, wantedLine)) void loadEarlier();
  }, [wantedLine, log, loadingEarlier, loaded.error, loadEarlier]);

  // Permalink: highlight the lines, and scroll to them the first time.
  const highlightKey = rangeKey(highlight);
  useEffect(() => {
    const shown = written.current;
    const range = state.current.highlight;
    if (!handles || !shown || !range || shown.firstLine === null) return;
    const inView = clampLineRange(range, shown.firstLine, shown.firstLine + shown.lines.length - 1);
    if (!inView) return;
    const { terminal } = handles;
    const buffer = terminal.buffer.active;
    const [startRow, height] = rowsOfLines(
      rows.current,
      buffer.length,
      inView.from - shown.firstLine,
      inView.to - shown.firstLine,
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
  }, [handles, writtenVersion, highlightKey, theme]);

  // Selecting text selects its lines in the URL.
  useEffect(() => {
    if (!handles) return;
    const { terminal } = handles;
    const subscription = terminal.onSelectionChange(() => {
      const position = terminal.getSelectionPosition();
      const shown = written.current;
      if (!position || !terminal.hasSelection() || !shown || shown.firstLine === null) return;
      const from = lineNumberAt(shown, lineIndexOfRow(rows.current, position.start.y));
      const to = lineNumberAt(shown, lineIndexOfRow(rows.current, position.end.y));
      if (from !== null && to !== null) setHighlight({ from, to });
    });
    return () => subscription.dispose();
  }, [handles, setHighlight]);

  // Clicking a line number selects that line; shift-click extends the range.
  useEffect(() => {
    if (!handles) return;
    const provider = handles.terminal.registerLinkProvider({
      provideLinks(bufferLine, callback) {
        const shown = written.current;
        const row = bufferLine - 1;
        if (!shown || !state.current.showNumbers) return callback(undefined);
        const index = lineIndexOfRow(rows.current, row);
        const number = lineNumberAt(shown, index);
        if (rows.current[index] !== row || number === null) return callback(undefined);
        const digits = gutterDigits(shown.firstLine, shown.lines.length);
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
  }, [handles, setHighlight]);

  // Find: highlight every match, count them, move between them.
  const find = useCallback(
    (direction: 'next' | 'previous', incremental = false) => {
      if (!handles) return;
      const { text, mode } = search;
      if (!text) {
        handles.search.clearDecorations();
        setMatches(null);
        return;
      }
      const colours = markColours(theme);
      const options = {
        regex: mode === 'regex',
        caseSensitive: mode !== 'plain',
        incremental,
        decorations: {
          matchBackground: colours.match,
          activeMatchBackground: colours.activeMatch,
          matchOverviewRuler: colours.match,
          activeMatchColorOverviewRuler: colours.activeMatch,
        },
      };
      try {
        if (direction === 'next') handles.search.findNext(text, options);
        else handles.search.findPrevious(text, options);
      } catch {
        setMatches({ index: -1, count: 0 });
      }
    },
    [handles, search, theme],
  );

  useEffect(() => {
    if (!handles) return;
    const subscription = handles.search.onDidChangeResults(({ resultIndex, resultCount }) =>
      setMatches({ index: resultIndex, count: resultCount }),
    );
    return () => subscription.dispose();
  }, [handles]);

  useEffect(() => {
    // Re-run the search over the newly written lines; the addon reports counts back.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    find('next', true);
  }, [find, writtenVersion]);

  // Keyboard: / n N g G, not while typing.
  useEffect(() => {
    if (!handles) return;
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      event.preventDefault();
      if (shortcut === 'focus-search') searchInput.current?.focus();
      else if (shortcut === 'next-match') find('next');
      else if (shortcut === 'previous-match') find('previous');
      else if (shortcut === 'top') handles.terminal.scrollToTop();
      else handles.terminal.scrollToBottom();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handles, find]);

  const text = useMemo(() => (log ? plainText(log.lines) : ''), [log]);

  const copy = async (value: string, done: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setNotice(done);
    } catch {
      setNotice('The browser did not allow copying.');
    }
  };
  const copySelection = () => {
    const selected = handles?.terminal.getSelection() ?? '';
    if (selected) return copy(selected, 'Selection copied');
    if (highlight && log && log.firstLine !== null) {
      const from = Math.max(0, highlight.from - log.firstLine);
      const lines = log.lines.slice(from, highlight.to - log.firstLine + 1);
      return copy(plainText(lines), 'Highlighted lines copied');
    }
    setNotice('Select some text or lines first.');
  };

  if (loaded.error && !log) {
    return (
      <ErrorPanel title="Could not load this log" error={loaded.error} onRetry={loaded.retry} />
    );
  }

  const lastLine = log && log.firstLine !== null ? log.firstLine + log.lines.length - 1 : null;
  return (
    <section className="log-viewer" aria-label="Log viewer">
      <div className="log-viewer__toolbar">
        <LogSearchBar
          text={search.text}
          mode={search.mode}
          result={matches}
          inputRef={searchInput}
          onChange={(next, mode) => setSearch({ text: next, mode })}
          onNext={() => find('next')}
          onPrevious={() => find('previous')}
        />
        <div className="log-viewer__actions">
          <button
            type="button"
            className="ui-button"
            onClick={() => void loadEarlier()}
            disabled={!log || reachedStart(log) || loadingEarlier}
          >
            {loadingEarlier
              ? 'Loading…'
              : log && reachedStart(log)
                ? 'Start of file'
                : 'Load earlier'}
          </button>
          <button
            type="button"
            className="ui-button"
            aria-pressed={showNumbers}
            onClick={() => setShowNumbers((v) => !v)}
          >
            Line numbers
          </button>
          <button
            type="button"
            className="ui-button"
            onClick={() => void copy(window.location.href, 'Link copied')}
          >
            Copy link
          </button>
          <button type="button" className="ui-button" onClick={() => void copySelection()}>
            Copy selection
          </button>
          {source.kind !== 'file' && loaded.nodeId && loaded.filename && (
            <AppLink
              className="ui-button"
              to={paths.logFile(scope, loaded.nodeId, loaded.filename)}
              title={`Open all of ${loaded.filename}`}
            >
              Whole file
            </AppLink>
          )}
          <a
            className="ui-button"
            href={logDownloadUrl(scope, source, downloadName(source, loaded.filename))}
            download
          >
            Download
          </a>
        </div>
      </div>
      {!log && <Skeleton label="Loading the log" lines={6} />}
      {loaded.error != null && log !== null && (
        <ErrorPanel title="Could not load earlier lines" error={loaded.error} />
      )}
      <div
        ref={containerRef}
        className="log-viewer__terminal"
        data-testid="log-terminal"
        hidden={!log}
      />
      {log && (
        <div className="log-viewer__status">
          <p data-first-line={log.firstLine ?? ''} data-line-count={log.lines.length}>
            {log.lines.length === 0
              ? 'This file is empty.'
              : log.firstLine !== null
                ? `Lines ${log.firstLine}–${lastLine}`
                : `Last ${log.lines.length} lines (line numbers show once the start of the file is loaded)`}
            {` · ${formatSize(log.endOffset - log.startOffset)} of ${formatSize(log.fileSize)} loaded`}
            {loaded.filename && ` · ${loaded.filename}`}
          </p>
          {highlight && (
            <p
              role="status"
              data-testid="highlighted-lines"
              data-from={highlight.from}
              data-to={highlight.to}
            >
              {highlight.from === highlight.to
                ? `Line ${highlight.from} highlighted`
                : `Lines ${highlight.from}–${highlight.to} highlighted`}
              {needsEarlierFor(log, highlight.from) && ' (loading earlier lines…)'}
            </p>
          )}
          <p role="status" aria-live="polite">
            {notice}
          </p>
        </div>
      )}
      <pre className="visually-hidden" data-testid="log-text" aria-label="Log text">
        {text}
      </pre>
    </section>
  );
}
