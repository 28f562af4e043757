import type { Readable } from 'node:stream';
import { stripAnsi } from '../../../contract/ansi.ts';
import { TurnBudget } from '../../http/turn-budget.ts';
import { stripAnsiBytes } from './ansi-bytes.ts';
import type { BlockMatcher } from './block-matches.ts';
import { scanBytes } from './byte-kernel.ts';
import { MAX_LINE_BYTES } from './line-range.ts';
import { NEWLINE } from './log-slice.ts';
import type { ByteNeedle } from './search-pattern.ts';

// Scans one log stream line by line (never the whole file in memory) for a search pattern,
// yielding each matching line with its number, byte offset and context lines.
//
// A literal needle is looked for in the raw bytes first (docs/logs.md, "Search speed"): blocks
// of about a megabyte are searched with Buffer#indexOf (case folded by byte-kernel.ts), their
// newlines counted, and only lines that hold the needle, with their context, are decoded and
// matched as text. Blocks with ANSI codes, whose stripping could join a match, and regexes are
// matched as text throughout.

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

/** Read chunks of this size (storage that honours the hint), searched a block at a time. */
export const SEARCH_CHUNK_BYTES = 1024 * 1024;
/** A scan's ms per turn when no budget shared with other requests is given (tests, bench). */
const SCAN_ALONE_MS_PER_TURN = 5;
/** Blocks smaller than this are joined before a byte search (fewer, larger kernel calls). */
const JOIN_BELOW_BYTES = 64 * 1024;
/** Text is decoded and matched this much at a time (whole lines), a step of the turn budget. */
const TEXT_SLICE_BYTES = 64 * 1024;
/**
 * Colour-coded bytes a literal search strips and rules out at a time (a whole read chunk): about
 * 3 ms of work per step. A search takes a step per turn at most, and on a busy server a turn is
 * many milliseconds: at 64 KiB a step, 300 MiB took longer than a minute.
 */
const SKIPPED_SLICE_BYTES = SEARCH_CHUNK_BYTES;
/** CSI and OSC start with ESC; CSI also as U+009B (C2 9B in UTF-8). */
const ESC = 0x1b;
const C1_CSI = Buffer.from([0xc2, 0x9b]);

const lineText = (bytes: Buffer) =>
  stripAnsi(bytes.toString('utf8', 0, bytes.at(-1) === CR ? bytes.length - 1 : bytes.length));

const hasAnsi = (bytes: Buffer) => bytes.indexOf(ESC) >= 0 || bytes.indexOf(C1_CSI) >= 0;
/** Where newlinesWithoutNeedle strips (used at once, never across an await): no garbage per slice. */
let strippedSlice = Buffer.alloc(0);

/** ESC ]: an OSC, which may swallow newlines when a whole block is stripped at once. */
const OSC = Buffer.from([ESC, 0x5d]);

/**
 * Newlines in a slice of whole colour-coded lines when no line of it can hold the needle once
 * stripped, else null. The slice is stripped as bytes (stripAnsiBytes) and searched like a plain
 * block: a line's stripped text lies whole in the slice's (no sequence but an OSC spans a
 * newline, and slices with one are left to the text path).
 */
function newlinesWithoutNeedle(slice: Buffer, needle: ByteNeedle): number | null {
  if (slice.indexOf(OSC) >= 0) return null;
  if (strippedSlice.length < slice.length) strippedSlice = Buffer.allocUnsafeSlow(slice.length);
  const scanned = scanBytes(stripAnsiBytes(slice, strippedSlice), needle.foldCase);
  return scanned.copy.indexOf(needle.bytes) >= 0 ? null : scanned.newlines;
}

/** A block of whole lines (ended by a newline) cut into slices of whole lines of about `bytes`. */
function* wholeLineSlices(block: Buffer, bytes: number): Generator<Buffer> {
  for (let from = 0; from < block.length;) {
    const cut =
      from + bytes >= block.length ? block.length : block.indexOf(NEWLINE, from + bytes - 1) + 1;
    yield block.subarray(from, cut);
    from = cut;
  }
}

/** Where the line ending at `lineEnd` (its newline's index) starts, not before `floor`. */
const lineStart = (bytes: Buffer, lineEnd: number, floor: number) =>
  lineEnd <= floor ? floor : Math.max(floor, bytes.lastIndexOf(NEWLINE, lineEnd - 1) + 1);

/** Starts of the lines (in a block of whole lines) whose bytes hold the needle, each with the
 *  newlines before it. Runs synchronously: the kernel's memory is shared. */
function linesHolding(block: Buffer, needle: ByteNeedle) {
  const scanned = scanBytes(block, needle.foldCase);
  const starts: number[] = [];
  const newlinesBefore: number[] = [];
  let counted = 0;
  let countedTo = 0;
  let at: number;
  for (let from = 0; (at = scanned.copy.indexOf(needle.bytes, from)) >= 0;) {
    const start = scanned.copy.lastIndexOf(NEWLINE, at) + 1;
    counted += scanned.newlinesIn(countedTo, start);
    countedTo = start;
    starts.push(start);
    newlinesBefore.push(counted);
    from = scanned.copy.indexOf(NEWLINE, at) + 1;
  }
  return { starts, newlinesBefore, newlines: scanned.newlines };
}

/**
 * Yields matches in file order. A match is held back until its `context` following lines are
 * read (or the file ends). `progress.bytes` counts bytes consumed so far. Each block of whole
 * lines goes to `matcher` as text (a regex search's matcher runs in a worker thread).
 * `reusedChunks`: each chunk is overwritten once the next is read (search-source.ts), so a chunk
 * is done with before the next is asked for and only the bytes kept across chunks are copied.
 * Each step of work over a block (a slice stripped, searched or decoded) runs within `turns`,
 * the request thread's budget shared with the other heavy answers (server/http/turn-budget.ts).
 */
export async function* scanLines(
  stream: AsyncIterable<Buffer> | Readable,
  matcher: BlockMatcher,
  context: number,
  progress: ScanProgress,
  needle: ByteNeedle | null = null,
  reusedChunks = false,
  turns = new TurnBudget(SCAN_ALONE_MS_PER_TURN),
): AsyncGenerator<LineMatch> {
  const keep = (bytes: Buffer) => (reusedChunks ? Buffer.from(bytes) : bytes);
  const recent: string[] = [];
  const waiting: LineMatch[] = [];
  let lineNumber = 0;
  let offset = 0;

  function* takeLine(
    bytes: Buffer,
    ranges: [number, number][],
    terminated: boolean,
    text = lineText(bytes),
  ): Generator<LineMatch> {
    lineNumber++;
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

  /** `newlines` whole lines at [from, to) of a block without a match: counted, context kept. */
  function skipLines(block: Buffer, from: number, to: number, newlines: number): void {
    lineNumber += newlines;
    offset += to - from;
    const tail: string[] = [];
    for (let end = to - 1; tail.length < Math.min(context, newlines);) {
      const start = lineStart(block, end, from);
      tail.push(lineText(block.subarray(start, end)));
      end = start - 1;
    }
    for (const text of tail.reverse()) {
      recent.push(text);
      if (recent.length > context) recent.shift();
    }
  }

  /**
   * A block of whole lines, each ended by a newline, without ANSI codes: lines whose bytes hold
   * the needle are matched as text with their context; the lines between are only counted.
   */
  async function* takeSearchedBlock(block: Buffer, needle: ByteNeedle): AsyncGenerator<LineMatch> {
    const holding = await turns.run(() => linesHolding(block, needle));
    let pos = 0;
    let newlinesAtPos = 0;
    async function* nextLine(): AsyncGenerator<LineMatch> {
      const end = block.indexOf(NEWLINE, pos);
      const bytes = block.subarray(pos, end);
      const text = lineText(bytes);
      const hits = await matcher(text);
      pos = end + 1;
      newlinesAtPos++;
      yield* takeLine(bytes, hits[0]?.[1] ?? [], true, text);
    }
    // Lines still owed as context after matches in the blocks before.
    while (waiting.length > 0 && pos < block.length) yield* nextLine();
    for (let h = 0; h < holding.starts.length; h++) {
      const start = holding.starts[h]!;
      if (start < pos) continue; // already matched as context of an earlier match
      // `context` lines before it are decoded too (for its `before`), the ones before those not.
      let from = start;
      let back = 0;
      for (; back < context && from > pos; back++) from = lineStart(block, from - 1, pos);
      skipLines(block, pos, from, holding.newlinesBefore[h]! - back - newlinesAtPos);
      pos = from;
      newlinesAtPos = holding.newlinesBefore[h]! - back;
      while (pos <= start) yield* nextLine();
      while (waiting.length > 0 && pos < block.length) yield* nextLine();
    }
    skipLines(block, pos, block.length, holding.newlines - newlinesAtPos);
  }

  /** The lines of a block (each ended by a newline) with the matcher's ranges for each. */
  async function* takeBlock(block: Buffer): AsyncGenerator<LineMatch> {
    // A slice of whole lines per step: a megabyte of text at once would hold every other
    // request for milliseconds. A literal search first skips colour-coded lines without its
    // needle as bytes (a third of the time of decoding and stripping them as text, and no
    // strings for the GC), in larger slices.
    for (const slice of wholeLineSlices(block, needle ? SKIPPED_SLICE_BYTES : TEXT_SLICE_BYTES)) {
      const newlines =
        needle && waiting.length === 0
          ? await turns.run(() => newlinesWithoutNeedle(slice, needle))
          : null;
      if (newlines !== null) {
        skipLines(slice, 0, slice.length, newlines);
        continue;
      }
      for (const piece of wholeLineSlices(slice, TEXT_SLICE_BYTES)) yield* takeTextSlice(piece);
    }
  }

  async function* takeTextSlice(block: Buffer): AsyncGenerator<LineMatch> {
    // Decoded, and matched (here, or handed to a regex worker), in one step.
    const { text, matched } = await turns.run(() => {
      const text = block.toString('utf8', 0, block.length - 1);
      return { text, matched: matcher(text) };
    });
    const hits = new Map(await matched);
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
    const hits = await turns.run(() => matcher(bytes.toString('utf8')));
    yield* takeLine(bytes, hits[0]?.[1] ?? [], false);
  }

  // The pieces of a line still without its newline, joined once it ends (never re-copied per
  // chunk: a 1 MiB line in 64 KiB chunks would otherwise copy 8 MiB).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Blocks of whole lines without ANSI codes, searched together once they are big enough.
  let batch: Buffer[] = [];
  let batchBytes = 0;
  async function* takeBatch(): AsyncGenerator<LineMatch> {
    if (batch.length === 0 || !needle) return;
    const blocks = batch;
    batch = [];
    batchBytes = 0;
    // Small blocks (an object store's chunks, a line joined across chunks) are searched joined;
    // a big one where it lies: copying a megabyte per chunk costs as much as searching it.
    let small: Buffer[] = [];
    for (const block of blocks) {
      if (block.length < JOIN_BELOW_BYTES) {
        small.push(block);
        continue;
      }
      if (small.length > 0) yield* takeSearchedBlock(Buffer.concat(small), needle);
      small = [];
      yield* takeSearchedBlock(block, needle);
    }
    if (small.length > 0) yield* takeSearchedBlock(Buffer.concat(small), needle);
  }
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    progress.bytes += chunk.length;
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      pending.push(keep(chunk));
      pendingBytes += chunk.length;
      if (pendingBytes > MAX_LINE_BYTES) {
        const piece = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        yield* takeBatch();
        yield* takeUnterminated(piece);
      }
      continue;
    }
    const head = chunk.subarray(0, lastNewline + 1);
    // Only the line begun in earlier chunks is joined; the whole lines after it are not copied.
    const firstEnd = pending.length > 0 ? head.indexOf(NEWLINE) + 1 : 0;
    const blocks: Buffer[] =
      firstEnd > 0 ? [Buffer.concat([...pending, head.subarray(0, firstEnd)])] : [];
    if (firstEnd < head.length) blocks.push(head.subarray(firstEnd));
    pending = lastNewline + 1 < chunk.length ? [keep(chunk.subarray(lastNewline + 1))] : [];
    pendingBytes = pending[0]?.length ?? 0;
    for (const block of blocks) {
      if (needle && !hasAnsi(block)) {
        batch.push(block);
        batchBytes += block.length;
        if (batchBytes >= SEARCH_CHUNK_BYTES) yield* takeBatch();
      } else {
        yield* takeBatch();
        yield* takeBlock(block);
      }
    }
    // The batch's blocks are views of this chunk: searched before the buffer is read into again.
    if (reusedChunks) yield* takeBatch();
  }
  yield* takeBatch();
  if (pendingBytes > 0) yield* takeUnterminated(Buffer.concat(pending));
  yield* waiting.splice(0);
}
