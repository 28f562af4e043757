import { useCallback, useEffect, useState } from 'react';
import type { SearchMode } from '../../lib/search-mode';
import type { Theme } from '../../lib/theme/theme';
import type { MatchCount } from './LogSearchBar';
import { markColours } from './terminal-theme';
import type { TerminalHandles } from './use-terminal';

export interface FindQuery {
  text: string;
  mode: SearchMode;
}

/**
 * Find in the log: highlight every match, count them, move between them. The search runs again
 * over newly written lines (`writtenVersion`), so the count stays true as earlier pages load.
 */
export function useFindInLog(
  handles: TerminalHandles | null,
  theme: Theme,
  writtenVersion: number,
) {
  const [query, setQuery] = useState<FindQuery>({ text: '', mode: 'plain' });
  const [matches, setMatches] = useState<MatchCount | null>(null);

  const find = useCallback(
    (direction: 'next' | 'previous', incremental = false) => {
      if (!handles) return;
      const { text, mode } = query;
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
    [handles, query, theme],
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

  return { query, setQuery, matches, find };
}
