// How a search text matches, in the viewer and in the session-wide search alike.

export type SearchMode = 'plain' | 'case' | 'regex';

export const SEARCH_MODES: { mode: SearchMode; label: string }[] = [
  { mode: 'plain', label: 'Plain' },
  { mode: 'case', label: 'Match case' },
  { mode: 'regex', label: 'Regex' },
];

export function parseSearchMode(value: string | null): SearchMode {
  return value === 'case' || value === 'regex' ? value : 'plain';
}

/** A regex that does not compile, as a message; null when `text` is fine for `mode`. */
export function patternProblem(text: string, mode: SearchMode): string | null {
  if (mode !== 'regex') return null;
  try {
    new RegExp(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'Not a valid regular expression';
  }
}
