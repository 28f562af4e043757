// The session-wide log search answer (NDJSON lines), and the view of it grouped by file.

export interface SearchMatch {
  type: 'match';
  nodeId: string;
  file: string;
  line: number;
  offset: number;
  text: string;
  ranges: [number, number][];
  before: string[];
  after: string[];
}

export interface SearchDone {
  type: 'done';
  filesScanned: number;
  filesTotal: number;
  bytesScanned: number;
  matches: number;
  truncated: boolean;
  reason?: 'max_matches' | 'byte_budget';
}

export interface SearchFileProgress {
  type: 'file';
  nodeId: string;
  file: string;
  matches: number;
}

export type SearchEvent = SearchMatch | SearchDone | SearchFileProgress;

export interface FileHits {
  nodeId: string;
  file: string;
  matches: SearchMatch[];
}

export interface SearchView {
  files: FileHits[];
  matchCount: number;
  filesSeen: number;
  done: SearchDone | null;
}

export const emptySearchView: SearchView = { files: [], matchCount: 0, filesSeen: 0, done: null };

export function isSearchEvent(value: unknown): value is SearchEvent {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'match' || type === 'done' || type === 'file';
}

/** `view` with `events` added; files keep the order in which their first hit arrived. */
export function addSearchEvents(view: SearchView, events: readonly SearchEvent[]): SearchView {
  if (events.length === 0) return view;
  const files = [...view.files];
  const index = new Map(files.map((f, i) => [`${f.nodeId}\n${f.file}`, i]));
  let { matchCount, filesSeen, done } = view;
  for (const event of events) {
    if (event.type === 'done') done = event;
    else if (event.type === 'file') filesSeen += 1;
    else {
      const key = `${event.nodeId}\n${event.file}`;
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, files.length);
        files.push({ nodeId: event.nodeId, file: event.file, matches: [event] });
      } else {
        files[at] = { ...files[at]!, matches: [...files[at]!.matches, event] };
      }
      matchCount += 1;
    }
  }
  return { files, matchCount, filesSeen, done };
}

export interface TextPiece {
  text: string;
  match: boolean;
}

/** `text` cut into plain and matched pieces by `ranges` (sorted, overlaps merged, clamped). */
export function highlightPieces(text: string, ranges: readonly [number, number][]): TextPiece[] {
  const sorted = [...ranges]
    .map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as [number, number])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) pieces.push({ text: text.slice(at, from), match: false });
    const last = pieces[pieces.length - 1];
    if (last?.match && from === at) last.text += text.slice(from, end);
    else pieces.push({ text: text.slice(from, end), match: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}
