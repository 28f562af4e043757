import '@xterm/xterm/css/xterm.css';
import './log-viewer.css';
import { useMemo, useRef, useState } from 'react';
import { useTheme } from '../../lib/theme/ThemeProvider';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AppLink } from '../ui/AppLink';
import { EmptyState } from '../ui/EmptyState';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Skeleton } from '../ui/Skeleton';
import { paths } from '../../../contract/paths';
import { useSessionScope } from '../../lib/session/SessionScopeContext';
import { logDownloadUrl } from './get-log-chunk';
import { formatBytes } from '../../lib/format';
import { needsEarlierFor, reachedStart } from './loaded-log';
import { downloadName, emptyLogText, logTitle } from './log-source';
import type { LogSource } from './log-source';
import { LogSearchBar } from './LogSearchBar';
import { plainText } from './terminal-text';
import { useFindInLog } from './use-find-in-log';
import { useLoadedLog } from './use-loaded-log';
import { usePermalink } from './use-permalink';
import { useTerminal } from './use-terminal';
import { useTerminalLog } from './use-terminal-log';
import { useViewerKeys } from './use-viewer-keys';

/**
 * A log in a terminal: tail first, "load earlier", find, line permalinks, copy and download.
 * The browser tab is named after the file shown, then `titleContext` (whose log it is).
 * The terminal, what it shows, permalinks, find and keys are hooks of their own; this composes
 * them and draws the toolbar and status.
 */
export default function LogViewer({
  source,
  titleContext,
  whenEmpty,
}: {
  source: LogSource;
  titleContext?: string;
  /** Said after what an empty log means (where else to look), when it is empty. */
  whenEmpty?: string;
}) {
  const scope = useSessionScope();
  const { theme } = useTheme();
  const loaded = useLoadedLog(scope, source);
  const { log, loadEarlier, loadingEarlier } = loaded;
  useDocumentTitle(logTitle(source, loaded.filename, titleContext));

  const containerRef = useRef<HTMLDivElement>(null);
  const handles = useTerminal(containerRef, theme);
  const [showNumbers, setShowNumbers] = useState(true);
  const [notice, setNotice] = useState('');
  const searchInput = useRef<HTMLInputElement>(null);

  const shown = useTerminalLog(handles, log, showNumbers);
  const highlight = usePermalink({ handles, shown, loading: loaded, theme, showNumbers });
  const { query, setQuery, matches, find } = useFindInLog(handles, theme, shown.version);
  useViewerKeys(handles, searchInput, find);

  const text = useMemo(() => (log ? plainText(log.lines) : ''), [log]);
  const empty =
    log && log.lines.length === 0 ? emptyLogText(source, loaded.filename, log.fileSize) : null;

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
          text={query.text}
          mode={query.mode}
          result={matches}
          inputRef={searchInput}
          onChange={(next, mode) => setQuery({ text: next, mode })}
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
      {empty && (
        <EmptyState title={empty.title}>
          <p>
            {empty.detail}
            {whenEmpty && ` ${whenEmpty}`}
            {source.kind === 'task' && (
              <>
                {' '}
                <AppLink to={paths.task(scope, source.taskId, source.attempt)}>
                  Open the task
                </AppLink>
              </>
            )}
          </p>
        </EmptyState>
      )}
      {/* Hidden, not removed, while empty: the terminal keeps its state for lines loaded later. */}
      <div
        ref={containerRef}
        className="log-viewer__terminal"
        data-testid="log-terminal"
        hidden={!log || empty !== null}
      />
      {log && (
        <div className="log-viewer__status">
          <p data-first-line={log.firstLine ?? ''} data-line-count={log.lines.length}>
            {log.lines.length === 0
              ? 'Nothing to show.'
              : log.firstLine !== null
                ? `Lines ${log.firstLine}–${lastLine}`
                : `Last ${log.lines.length} lines (line numbers show once the start of the file is loaded)`}
            {` · ${formatBytes(log.endOffset - log.startOffset)} of ${formatBytes(log.fileSize)} loaded`}
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
