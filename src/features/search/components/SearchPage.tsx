import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { useLogNodes } from '../../../lib/logs/get-log-nodes';
import { formatBytes } from '../../../lib/format';
import { SEARCH_MODES, parseSearchMode, patternProblem } from '../../../lib/search-mode';
import type { SearchMode } from '../../../lib/search-mode';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useLogSearch } from '../use-log-search';
import { SearchResults } from './SearchResults';
import './search.css';
import { useUrlState } from '../../../lib/url-state';

const REASONS = {
  max_matches: 'it reached the most matches it returns',
  byte_budget: 'it reached the most bytes it reads per search',
};

/** /c/.../search?q=&mode=&node=: find text in every log file of the session. */
export default function SearchPage() {
  const scope = useSessionScope();
  const [urlState, update] = useUrlState({ q: '', mode: 'plain', node: '' });
  const { q, node } = urlState;
  const mode = parseSearchMode(urlState.mode);
  const request = q && !patternProblem(q, mode) ? { q, mode, nodeId: node || undefined } : null;
  const { view, status, error, stop } = useLogSearch(scope, request);
  const nodes = useLogNodes(scope);

  const [draft, setDraft] = useState({ q, mode, node });
  const [seen, setSeen] = useState({ q, mode, node });
  if (seen.q !== q || seen.mode !== mode || seen.node !== node) {
    setSeen({ q, mode, node });
    setDraft({ q, mode, node });
  }
  const problem = draft.q ? patternProblem(draft.q, draft.mode) : null;
  const ids = { q: useId(), node: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.q.trim() || problem) return;
    update({ q: draft.q, mode: draft.mode, node: draft.node });
  };

  const done = view.done;
  return (
    <div className="search-page">
      <h1 className="page-title">Search logs</h1>
      <form className="search-form" role="search" aria-label="Search every log" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.q}>Text</label>
          <input
            id={ids.q}
            type="search"
            value={draft.q}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem !== null}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
        </div>
        <fieldset className="search-form__modes">
          <legend>Match</legend>
          {SEARCH_MODES.map((option) => (
            <label key={option.mode}>
              <input
                type="radio"
                name="mode"
                value={option.mode}
                checked={draft.mode === option.mode}
                onChange={() => setDraft({ ...draft, mode: option.mode as SearchMode })}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.node}>Node</label>
          <select
            id={ids.node}
            value={draft.node}
            onChange={(event) => setDraft({ ...draft, node: event.target.value })}
          >
            <option value="">All nodes</option>
            {(nodes.data?.nodes ?? []).map((n) => (
              <option key={n.nodeId} value={n.nodeId}>
                {n.isHead ? 'Head' : 'Worker'} {n.ip ?? n.nodeId.slice(0, 12)}
                {n.state === 'DEAD' ? ' (dead)' : ''}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="ui-button" disabled={!draft.q.trim() || problem !== null}>
          Search
        </button>
        {status === 'running' && (
          <button type="button" className="ui-button" onClick={stop}>
            Stop
          </button>
        )}
      </form>
      {problem && <p role="alert">Not a valid regular expression: {problem}</p>}

      {status === 'failed' && <ErrorPanel title="The search failed" error={error} />}
      {status !== 'idle' && status !== 'failed' && (
        <div className="search-page__summary" role="status" aria-live="polite">
          <p>
            {view.matchCount} {view.matchCount === 1 ? 'match' : 'matches'} in {view.files.length}{' '}
            {view.files.length === 1 ? 'file' : 'files'}
            {status === 'running' &&
              ` · searching… (${done?.filesScanned ?? view.filesSeen} files scanned)`}
            {status === 'stopped' && ' · stopped'}
            {done &&
              ` · ${done.filesScanned} of ${done.filesTotal} files scanned, ${formatBytes(done.bytesScanned)} read`}
          </p>
          {done?.truncated && (
            <p className="search-page__truncated">
              Not every match is shown: the search stopped because{' '}
              {done.reason ? REASONS[done.reason] : 'it reached a limit'}. Narrow it by node or
              text.
            </p>
          )}
        </div>
      )}
      {status === 'running' && (
        <progress
          aria-label="Search progress"
          max={done?.filesTotal || undefined}
          value={done ? done.filesScanned : undefined}
        />
      )}
      <SearchResults scope={scope} files={view.files} />
      {status === 'done' && view.matchCount === 0 && <p>No log line matches “{q}”.</p>}
    </div>
  );
}
