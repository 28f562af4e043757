import { OVERSIZED, type EventRecord } from './records.ts';

// Feeds the records of one event file to a sink and counts what it could not use. Shared by
// the in-process reader and the parse workers.

export type AddResult = 'ok' | 'unknown' | 'invalid';

/** The part of the session reducer ingest feeds. */
export interface EventSink {
  addEvent(json: unknown): AddResult;
  addLegacyEvent(json: unknown, nodeId: string): AddResult | void;
  addDebugState(nodeId: string, text: string): void;
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
