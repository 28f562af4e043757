import { stripAnsi } from '../../../contract/ansi.ts';
import { matchRanges, type SearchPattern } from './search-pattern.ts';

// Matching one block of whole lines: the same code runs in this thread for literal searches and
// in a regex worker (regex-workers.ts) for user regexes, so both find exactly the same lines.

/** [index of the line in the block, its match ranges]; lines without a match are left out. */
export type LineHits = [number, [number, number][]][];

/** Finds matches in a block: lines separated by '\n' (the last one without its newline). */
export type BlockMatcher = (text: string) => LineHits | Promise<LineHits>;

/** An OSC title may span lines, and CRs move `$`: such blocks are matched line by line only. */
// eslint-disable-next-line no-control-regex -- matching control codes is the point
const NEEDS_LINE_BY_LINE = /\u001b\]|\r/;

export function blockMatches(pattern: SearchPattern, text: string): LineHits {
  if (!NEEDS_LINE_BY_LINE.test(text)) {
    // One test over the whole block (colour codes stripped at once) rules out most blocks
    // without splitting them into lines.
    pattern.block.lastIndex = 0;
    if (!pattern.block.test(stripAnsi(text))) return [];
  }
  const hits: LineHits = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const ranges = matchRanges(pattern, stripAnsi(line.endsWith('\r') ? line.slice(0, -1) : line));
    if (ranges.length > 0) hits.push([i, ranges]);
  }
  return hits;
}

/** Matching in this thread: for literal patterns, whose time is linear in the text. */
export const inThisThread =
  (pattern: SearchPattern): BlockMatcher =>
  (text) =>
    blockMatches(pattern, text);
