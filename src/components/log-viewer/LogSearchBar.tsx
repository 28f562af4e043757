import { useId } from 'react';
import type { RefObject } from 'react';
import { SEARCH_MODES, patternProblem } from '../../lib/search-mode';
import type { SearchMode } from '../../lib/search-mode';

export interface MatchCount {
  index: number;
  count: number;
}

/** "3 of 17", "No matches", or nothing before a search. */
export function matchSummary(text: string, result: MatchCount | null): string {
  if (!text || !result) return '';
  if (result.count === 0) return 'No matches';
  return result.index >= 0 ? `${result.index + 1} of ${result.count}` : `${result.count} matches`;
}

/** Find in the loaded part of a log: text, mode toggles, match count, next / previous. */
export function LogSearchBar({
  text,
  mode,
  result,
  inputRef,
  onChange,
  onNext,
  onPrevious,
}: {
  text: string;
  mode: SearchMode;
  result: MatchCount | null;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (text: string, mode: SearchMode) => void;
  onNext: () => void;
  onPrevious: () => void;
}) {
  const id = useId();
  const problem = text ? patternProblem(text, mode) : null;
  return (
    <div className="log-search" role="search" aria-label="Find in this log">
      <label htmlFor={id} className="visually-hidden">
        Find in log
      </label>
      <input
        id={id}
        ref={inputRef}
        type="search"
        placeholder="Find in log ( / )"
        value={text}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem !== null}
        onChange={(event) => onChange(event.target.value, mode)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) onPrevious();
            else onNext();
          }
        }}
      />
      <div className="log-search__modes" role="radiogroup" aria-label="Match">
        {SEARCH_MODES.map((option) => (
          <button
            key={option.mode}
            type="button"
            role="radio"
            aria-checked={mode === option.mode}
            className="ui-button log-search__mode"
            onClick={() => onChange(text, option.mode)}
          >
            {option.label}
          </button>
        ))}
      </div>
      <button type="button" className="ui-button" onClick={onPrevious} disabled={!text}>
        Previous
      </button>
      <button type="button" className="ui-button" onClick={onNext} disabled={!text}>
        Next
      </button>
      <span className="log-search__count" role="status" aria-live="polite">
        {problem ?? matchSummary(text, result)}
      </span>
    </div>
  );
}
