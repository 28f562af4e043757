import type { PartialReduction } from '../events/reducer.ts';
import type { FileTally } from './file-tally.ts';
import type { RecordLimits } from './records.ts';

// What the ingest thread and a parse worker say to each other. A worker serves many loads at
// once, one SessionReducer each (`load` numbers them). JSON Lines files arrive as batches of
// whole lines, spread over all workers; a JSON array file streams whole to one worker
// (`file` numbers those streams).

export interface WorkerSetup {
  limits: RecordLimits;
}

export type ToWorker =
  /** Whole lines of an event file; answered by `parsed` with the same `batch`. */
  | {
      kind: 'lines';
      load: number;
      batch: number;
      legacy: boolean;
      nodeId: string;
      bytes: Uint8Array;
    }
  | { kind: 'open'; load: number; file: number; legacy: boolean; nodeId: string }
  | { kind: 'chunk'; file: number; bytes: Uint8Array }
  /** End of a file; `brokenOff` when reading it failed part-way. */
  | { kind: 'close'; file: number; brokenOff: boolean }
  /** The load has no more files: reply with its partial reduction and forget it. */
  | { kind: 'finish'; load: number }
  /** The load is over: drop what is left of it. */
  | { kind: 'forget'; load: number };

export type FromWorker =
  /** The worker has loaded, run its warm-up (warm-up.ts) and takes messages. */
  | { kind: 'ready'; warmUp: PartialReduction | null }
  /** `buffer`: the batch's memory, handed back to be filled again. */
  | { kind: 'parsed'; batch: number; tally: FileTally; buffer: ArrayBuffer }
  /** A chunk was taken off the queue (flow control). */
  | { kind: 'taken'; bytes: number }
  | { kind: 'closed'; file: number; tally: FileTally }
  | { kind: 'finished'; load: number; partial: PartialReduction }
  | { kind: 'failed'; message: string };
