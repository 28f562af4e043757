import { decodeRayEventBytes } from '../events/decode-bytes.ts';
import type { DecodedEvent } from '../events/decoded.ts';
import { OVERSIZED, splitText, type EventRecord } from './records.ts';

// Feeds the records of one event file to a sink and counts what it could not use. Shared by
// the in-process reader and the parse workers.

export type AddResult = 'ok' | 'unknown' | 'invalid';

/** The part of the session reducer ingest feeds. */
export interface EventSink {
  addEvent(json: unknown): AddResult;
  addLegacyEvent(json: unknown, nodeId: string): AddResult | void;
  addDebugState(nodeId: string, text: string): void;
}

/** A sink that also takes events decoded straight from bytes (the parse workers' reducers). */
export interface DecodedEventSink extends EventSink {
  addDecoded(event: DecodedEvent): void;
}

export interface FileTally {
  accepted: number;
  malformed: number;
  invalid: number;
  unknown: number;
  /** Count per unknown `eventType`. */
  unknownTypes: Record<string, number>;
}

export function emptyTally(): FileTally {
  return { accepted: 0, malformed: 0, invalid: 0, unknown: 0, unknownTypes: {} };
}

/** What one file's records are: Ray events, or legacy `event_*.log` lines of a node. */
export interface FileSource {
  legacy: boolean;
  nodeId: string;
}

function eventTypeOf(json: unknown): string {
  const value = (json as Record<string, unknown> | null)?.eventType;
  return typeof value === 'string' && value ? value : '(no eventType)';
}

/** Adds one batch of records to `sink`, counting into `tally` (so counts survive a later failure). */
export function tallyBatch(
  batch: readonly EventRecord[],
  source: FileSource,
  sink: EventSink,
  tally: FileTally,
): void {
  for (const record of batch) {
    let json: unknown;
    try {
      if (record === OVERSIZED) throw new Error('oversized');
      json = JSON.parse(record);
    } catch {
      tally.malformed++;
      continue;
    }
    const result = source.legacy
      ? (sink.addLegacyEvent(json, source.nodeId) ?? 'ok')
      : sink.addEvent(json);
    if (result === 'ok') tally.accepted++;
    else if (result === 'invalid') {
      if (source.legacy) tally.malformed++;
      else tally.invalid++;
    } else {
      tally.unknown++;
      const type = eventTypeOf(json);
      tally.unknownTypes[type] = (tally.unknownTypes[type] ?? 0) + 1;
    }
  }
}

export async function tallyRecords(
  batches: AsyncIterable<readonly EventRecord[]>,
  source: FileSource,
  sink: EventSink,
  tally: FileTally,
): Promise<void> {
  for await (const batch of batches) tallyBatch(batch, source, sink, tally);
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const OPEN_BRACE = 0x7b;

/**
 * Adds the JSON Lines in `bytes` (whole lines) to `sink`, counting into `tally`: the same as
 * splitting the decoded text with splitText and calling tallyBatch, but a Ray event line the
 * byte decoder knows (decode-bytes.ts) is read from its bytes, never decoded to a string or
 * parsed into objects; every other line (legacy files included) takes the JSON.parse path.
 */
export function tallyLines(
  bytes: Buffer,
  source: FileSource,
  sink: DecodedEventSink,
  tally: FileTally,
  maxRecordBytes: number,
): void {
  // A line's UTF-8 text is at most 3 bytes per byte (invalid bytes become U+FFFD), so a line
  // under a third of the limit can never be oversized; longer ones go the checked way.
  const fastMax = Math.floor(maxRecordBytes / 3);
  const n = bytes.length;
  let start = 0;
  while (start < n) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = n;
    let stop = end;
    if (stop > start && bytes[stop - 1] === CR) stop--;
    if (stop > start) {
      const event =
        !source.legacy && bytes[start] === OPEN_BRACE && stop - start <= fastMax
          ? decodeRayEventBytes(bytes, start, stop)
          : null;
      if (event) {
        sink.addDecoded(event);
        tally.accepted++;
      } else {
        // In line order, so the reducer sees what the JSON.parse path would, in the same order.
        const slow: EventRecord[] = [];
        splitText(bytes.toString('utf8', start, stop), maxRecordBytes, slow);
        tallyBatch(slow, source, sink, tally);
      }
    }
    start = end + 1;
  }
}
