import type { Readable } from 'node:stream';
import { stripAnsi } from './ansi.ts';
import { MAX_LINE_BYTES } from './line-range.ts';
import { NEWLINE } from './log-slice.ts';
import { unguarded, type MatchGuard } from './regex-budget.ts';
import { matchRanges, type SearchPattern } from './search-pattern.ts';

// Scans one log stream line by line (never the whole file in memory) for a search pattern,
// yielding each matching line with its number, byte offset and context lines.

export interface LineMatch {
  /** 1-based. */
  line: number;
  /** Byte offset of the line in the file. */
  offset: number;
  /** The line, ANSI codes stripped. */
  text: string;
  ranges: [number, number][];
  before: string[];
  after: string[];
}

export interface ScanProgress {
  bytes: number;
}

const ESC = 0x1b;
const CR = 0x0d;

const lineText = (bytes: Buffer) =>
  stripAnsi(bytes.toString('utf8', 0, bytes.at(-1) === CR ? bytes.length - 1 : bytes.length));

/**
 * Yields matches in file order. A match is held back until its `context` following lines are
 * read (or the file ends). `progress.bytes` counts bytes consumed so far.
 */
export async function* scanLines(
  stream: AsyncIterable<Buffer> | Readable,
  pattern: SearchPattern,
  context: number,
  progress: ScanProgress,
  guard: MatchGuard = unguarded,
): AsyncGenerator<LineMatch> {
  const recent: string[] = [];
  const waiting: LineMatch[] = [];
  let lineNumber = 0;
  let offset = 0;
  let carry: Buffer | null = null;

  function* takeLine(bytes: Buffer, terminated = true): Generator<LineMatch> {
    lineNumber++;
    const text = lineText(bytes);
    const lineOffset = offset;
    offset += bytes.length + (terminated ? 1 : 0);
    for (const match of waiting) match.after.push(text);
    while (waiting.length > 0 && waiting[0]!.after.length >= context) yield waiting.shift()!;
    const ranges = matchRanges(pattern, text);
    if (ranges.length > 0) {
      const match = {
        line: lineNumber,
        offset: lineOffset,
        text,
        ranges,
        before: [...recent],
        after: [],
      };
      if (context === 0) yield match;
      else waiting.push(match);
    }
    if (context > 0) {
      recent.push(text);
      if (recent.length > context) recent.shift();
    }
  }

  /** Whole lines with no match anywhere: count them and keep the context tail, decoding nothing else. */
  function skipBlock(block: Buffer): void {
    let from = 0;
    let found: number;
    while ((found = block.indexOf(NEWLINE, from)) >= 0) {
      lineNumber++;
      from = found + 1;
    }
    offset += block.length;
    if (context === 0) return;
    const lines = block
      .subarray(0, block.length - 1)
      .toString('utf8')
      .split('\n')
      .slice(-context);
    for (const line of lines) {
      recent.push(stripAnsi(line.endsWith('\r') ? line.slice(0, -1) : line));
      if (recent.length > context) recent.shift();
    }
  }

  const blockMayMatch = (block: Buffer) => {
    if (block.includes(ESC) || block.includes(CR)) return true;
    pattern.block.lastIndex = 0;
    return pattern.block.test(block.toString('utf8'));
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    progress.bytes += chunk.length;
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const lastNewline = data.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      carry = data;
      if (carry.length > MAX_LINE_BYTES) {
        const piece = carry;
        yield* guard(() => [...takeLine(piece, false)]);
        carry = null;
      }
      continue;
    }
    const block = data.subarray(0, lastNewline + 1);
    carry = lastNewline + 1 < data.length ? data.subarray(lastNewline + 1) : null;
    if (waiting.length === 0 && !guard(() => blockMayMatch(block))) {
      skipBlock(block);
      continue;
    }
    // Matching is synchronous work: the guard bounds it per block, matches are yielded after.
    yield* guard(() => {
      const found: LineMatch[] = [];
      let from = 0;
      let end: number;
      while ((end = block.indexOf(NEWLINE, from)) >= 0) {
        found.push(...takeLine(block.subarray(from, end)));
        from = end + 1;
      }
      return found;
    });
  }
  if (carry && carry.length > 0) {
    const last = carry;
    yield* guard(() => [...takeLine(last, false)]);
  }
  yield* waiting.splice(0);
}
