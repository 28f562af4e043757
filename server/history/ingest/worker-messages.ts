import type { PartialReduction } from '../events/reducer.ts';
import type { FileTally } from './file-tally.ts';
import type { RecordLimits } from './records.ts';

// What the ingest thread and a parse worker say to each other. Files are numbered by the
// ingest thread; a worker parses many files at once into one SessionReducer of its own.

export interface WorkerSetup {
  limits: RecordLimits;
}

export type ToWorker =
  | { kind: 'open'; file: number; legacy: boolean; nodeId: string }
  | { kind: 'chunk'; file: number; bytes: Uint8Array }
  /** End of a file; `brokenOff` when reading it failed part-way. */
  | { kind: 'close'; file: number; brokenOff: boolean }
  /** No more files: reply with the partial reduction and stop. */
  | { kind: 'finish' };

export type FromWorker =
  /** A chunk was taken off the queue (flow control). */
  | { kind: 'taken'; bytes: number }
  | { kind: 'closed'; file: number; tally: FileTally }
  | { kind: 'finished'; partial: PartialReduction }
  | { kind: 'failed'; message: string };
