import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

// Splits an event file's bytes into one JSON text per event, without holding the file in memory.
// Two formats exist: JSON Lines (current) and one JSON array per file (older collectors);
// the first non-space character tells them apart.

/** Stands for a record longer than the limit: skipped and counted as malformed. */
export const OVERSIZED = Symbol('oversized record');
export type EventRecord = string | typeof OVERSIZED;

export interface RecordLimits {
  /** Longest single record (line or array element) kept, in bytes (array: characters). */
  maxRecordBytes: number;
}

/** Real Ray events are kilobytes; a longer line is junk and would cost memory several times its size to parse. */
export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxRecordBytes: 16 * 1024 * 1024 };

const NEWLINE = 0x0a;
const CR = 0x0d;
const OPEN_BRACKET = 0x5b;

function isSpaceByte(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === NEWLINE || b === CR;
}

/** Index of the first byte that is neither whitespace nor part of a UTF-8 byte-order mark. */
export function firstContentByte(chunk: Uint8Array, atFileStart: boolean): number {
  let i = 0;
  if (atFileStart && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
  while (i < chunk.length && isSpaceByte(chunk[i]!)) i++;
  return i;
}

/**
 * The text of `bytes` (UTF-8). Event files are almost always pure ASCII: those bytes are read as
 * Latin-1, which for ASCII is the same text and costs a copy instead of a UTF-8 decode (and a
 * one-byte string, which JSON.parse reads fastest).
 */
export function decodeText(bytes: Buffer, start = 0, end = bytes.length): string {
  const part = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  return isAscii(part) ? part.toString('latin1') : part.toString('utf8');
}

/** Chunks are joined up to about this size, so per-chunk work (decoding, splitting) is rare. */
const BATCH_BYTES = 1024 * 1024;

/** The records of a file, a batch (one or more chunks' worth) at a time. */
export async function* readRecordBatches(
  chunks: AsyncIterable<Buffer>,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): AsyncGenerator<EventRecord[]> {
  const iterator = coalesce(chunks, BATCH_BYTES)[Symbol.asyncIterator]();
  let atFileStart = true;
  // Skip leading whitespace (possibly over several chunks) to find the format.
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    const chunk = next.value;
    const start = firstContentByte(chunk, atFileStart);
    atFileStart = false;
    if (start >= chunk.length) continue;
    const rest = prepend(chunk.subarray(start), iterator);
    if (chunk[start] === OPEN_BRACKET) yield* splitJsonArray(rest, limits);
    else yield* splitLines(rest, limits);
    return;
  }
}

/** The records of a file one by one. */
export async function* readRecords(
  chunks: AsyncIterable<Buffer>,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): AsyncGenerator<EventRecord> {
  for await (const batch of readRecordBatches(chunks, limits)) yield* batch;
}

/** Joins consecutive chunks until each is at least `minBytes` (the last may be shorter). */
async function* coalesce(chunks: AsyncIterable<Buffer>, minBytes: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      if (parts.length === 0 && chunk.length >= minBytes) {
        yield chunk;
        continue;
      }
      parts.push(chunk);
      bytes += chunk.length;
      if (bytes >= minBytes) {
        yield Buffer.concat(parts, bytes);
        parts = [];
        bytes = 0;
      }
    }
  } catch (error) {
    // The bytes read before a failure (a truncated gzip file) still count.
    if (bytes > 0) yield Buffer.concat(parts, bytes);
    throw error;
  }
  if (bytes > 0) yield parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes);
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield first;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

/**
 * JSON Lines: LF or CRLF, blank lines ignored, a last line without newline kept. The complete
 * lines of a chunk are decoded in one go (newlines never fall inside a UTF-8 character);
 * only a line that spans chunks is assembled from bytes.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer>,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): AsyncGenerator<EventRecord[]> {
  const max = limits.maxRecordBytes;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  for await (const chunk of chunks) {
    const first = chunk.indexOf(NEWLINE);
    if (first === -1) {
      if (oversized || pendingBytes + chunk.length > max) {
        oversized = true;
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(chunk);
        pendingBytes += chunk.length;
      }
      continue;
    }
    const batch: EventRecord[] = [];
    let bodyStart = 0;
    if (pendingBytes > 0 || oversized) {
      const head = chunk.subarray(0, first);
      if (oversized || pendingBytes + head.length > max) batch.push(OVERSIZED);
      else {
        const text = lineText(Buffer.concat([...pending, head]));
        if (text !== null) batch.push(text);
      }
      pending = [];
      pendingBytes = 0;
      oversized = false;
      bodyStart = first + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last > bodyStart) splitText(decodeText(chunk, bodyStart, last), max, batch);
    const rest = chunk.subarray(last + 1);
    if (rest.length > max) oversized = true;
    else if (rest.length > 0) {
      pending.push(rest);
      pendingBytes = rest.length;
    }
    if (batch.length) yield batch;
  }
  if (oversized) yield [OVERSIZED];
  else if (pendingBytes > 0) {
    const text = lineText(Buffer.concat(pending));
    if (text !== null) yield [text];
  }
}

/** Pushes the non-blank lines of `text` (no CR) onto `out`, oversized ones as OVERSIZED. */
export function splitText(text: string, max: number, out: EventRecord[]): void {
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === CR) stop--;
    if (stop > start) {
      const line = text.slice(start, stop);
      if (isSpaceByte(line.charCodeAt(0)) && line.trim() === '') {
        // blank
      } else if (line.length > max || (line.length * 3 > max && Buffer.byteLength(line) > max)) {
        out.push(OVERSIZED);
      } else out.push(line);
    }
    start = end + 1;
  }
}

/** The line without its CR, or null for a blank line. */
function lineText(line: Buffer): string | null {
  let end = line.length;
  if (end > 0 && line[end - 1] === CR) end--;
  if (end === 0) return null;
  const text = line.toString('utf8', 0, end);
  if (isSpaceByte(line[0]!) && text.trim() === '') return null;
  return text;
}

/**
 * One JSON array per file: yields the text of each top-level element. Tracks strings and
 * nesting only; each element is validated later by JSON.parse. A truncated array yields its
 * partial last element, which then fails to parse and counts as malformed.
 */
export async function* splitJsonArray(
  chunks: AsyncIterable<Buffer>,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): AsyncGenerator<EventRecord[]> {
  const decoder = new StringDecoder('utf8');
  let depth = 0;
  let inString = false;
  let escaped = false;
  let closed = false;
  let inElement = false;
  let parts: string[] = [];
  let partsLength = 0;
  let oversized = false;

  const finishElement = (text: string, elementStart: number, end: number): EventRecord => {
    const tooLong = oversized || partsLength + end - elementStart > limits.maxRecordBytes;
    const record = tooLong ? OVERSIZED : parts.join('') + text.slice(elementStart, end);
    parts = [];
    partsLength = 0;
    oversized = false;
    inElement = false;
    return record;
  };

  for await (const chunk of chunks) {
    if (closed) continue;
    const text = decoder.write(chunk);
    const batch: EventRecord[] = [];
    let elementStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
      if (depth === 0) {
        if (c === OPEN_BRACKET) depth = 1;
        continue;
      }
      const startsValue = depth === 1 && !inElement && c !== 0x2c && c !== 0x5d;
      if (startsValue) {
        inElement = true;
        elementStart = i;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === OPEN_BRACKET) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 1) {
          // End of the array; a primitive element may end here too.
          if (inElement) batch.push(finishElement(text, elementStart, i));
          closed = true;
          break;
        }
        depth--;
        if (depth === 1 && inElement) batch.push(finishElement(text, elementStart, i + 1));
      } else if (c === 0x2c && depth === 1 && inElement) {
        batch.push(finishElement(text, elementStart, i));
      }
    }
    if (inElement && !closed) {
      const piece = text.slice(elementStart);
      if (partsLength + piece.length > limits.maxRecordBytes) {
        oversized = true;
        parts = [];
        partsLength = 0;
      } else if (!oversized) {
        parts.push(piece);
        partsLength += piece.length;
      }
    }
    if (batch.length) yield batch;
  }
  if (!closed && inElement) {
    const tail = decoder.end();
    yield [oversized ? OVERSIZED : parts.join('') + tail];
  }
}
