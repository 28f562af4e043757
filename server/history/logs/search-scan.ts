import type { Readable } from 'node:stream';
import { stripAnsi } from '../../../contract/ansi.ts';
import type { BlockMatcher } from './block-matches.ts';
import { MAX_LINE_BYTES } from './line-range.ts';
import { NEWLINE } from './log-slice.ts';

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

const CR = 0x0d;

const lineText = (bytes: Buffer) =>
  stripAnsi(bytes.toString('utf8', 0, bytes.at(-1) === CR ? bytes.length - 1 : bytes.length));

/**
 * Yields matches in file order. A match is held back until its `context` following lines are
 * read (or the file ends). `progress.bytes` counts bytes consumed so far. Each block of whole
 * lines goes to `matcher` as text (a regex search's matcher runs in a worker thread).
 */
export async function* scanLines(
  stream: AsyncIterable<Buffer> | Readable,
  matcher: BlockMatcher,
  context: number,
  progress: ScanProgress,
): AsyncGenerator<LineMatch> {
  const recent: string[] = [];
  const waiting: LineMatch[] = [];
  let lineNumber = 0;
  let offset = 0;

  function* takeLine(
    bytes: Buffer,
    ranges: [number, number][],
    terminated: boolean,
  ): Generator<LineMatch> {
    lineNumber++;
    const text = lineText(bytes);
    const lineOffset = offset;
    offset += bytes.length + (terminated ? 1 : 0);
    for (const match of waiting) match.after.push(text);
    while (waiting.length > 0 && waiting[0]!.after.length >= context) yield waiting.shift()!;
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

  /** Whole lines with no match anywhere: count them and keep the context tail only. */
  function skipBlock(block: Buffer, text: string): void {
    let from = 0;
    let found: number;
    while ((found = block.indexOf(NEWLINE, from)) >= 0) {
      lineNumber++;
      from = found + 1;
    }
    offset += block.length;
    if (context === 0) return;
    // Only the last `context` lines are kept: find where they start, split nothing else.
    let tailStart = text.length;
    let kept = 0;
    while (kept < context) {
      const newline = text.lastIndexOf('\n', tailStart - 1);
      if (newline < 0) break;
      tailStart = newline;
      kept++;
    }
    for (const line of (kept === context ? text.slice(tailStart + 1) : text).split('\n')) {
      recent.push(stripAnsi(line.endsWith('\r') ? line.slice(0, -1) : line));
      if (recent.length > context) recent.shift();
    }
  }

  /** The lines of a block (each ended by a newline) with the matcher's ranges for each. */
  async function* takeBlock(block: Buffer): AsyncGenerator<LineMatch> {
    const text = block.toString('utf8', 0, block.length - 1);
    const hits = new Map(await matcher(text));
    if (hits.size === 0 && waiting.length === 0) return skipBlock(block, text);
    let from = 0;
    let end: number;
    for (let i = 0; (end = block.indexOf(NEWLINE, from)) >= 0; i++) {
      yield* takeLine(block.subarray(from, end), hits.get(i) ?? [], true);
      from = end + 1;
    }
  }

  /** A line without its newline: the end of the file, or a piece of an over-long line. */
  async function* takeUnterminated(bytes: Buffer): AsyncGenerator<LineMatch> {
    const hits = await matcher(bytes.toString('utf8'));
    yield* takeLine(bytes, hits[0]?.[1] ?? [], false);
  }

  // The pieces of a line still without its newline, joined once it ends (never re-copied per
  // chunk: a 1 MiB line in 64 KiB chunks would otherwise copy 8 MiB).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    progress.bytes += chunk.length;
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > MAX_LINE_BYTES) {
        const piece = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        yield* takeUnterminated(piece);
      }
      continue;
    }
    const head = chunk.subarray(0, lastNewline + 1);
    const block = pending.length > 0 ? Buffer.concat([...pending, head]) : head;
    pending = lastNewline + 1 < chunk.length ? [chunk.subarray(lastNewline + 1)] : [];
    pendingBytes = pending[0]?.length ?? 0;
    yield* takeBlock(block);
  }
  if (pendingBytes > 0) yield* takeUnterminated(Buffer.concat(pending));
  yield* waiting.splice(0);
}
