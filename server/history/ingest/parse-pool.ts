import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { PartialReduction } from '../events/reducer.ts';
import { startWorkerModule } from '../start-worker.ts';
import type { FileTally } from './file-tally.ts';
import { BatchBuffers } from './line-batcher.ts';
import { DEFAULT_RECORD_LIMITS, type RecordLimits } from './records.ts';
import type { SessionFile } from './session-files.ts';
import { warmUpMerge } from './warm-up.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.ts';

// Worker threads that parse event bytes for any number of loads at once (parse-worker.ts).
// Batches of lines go to the worker with the least queued bytes; a file that must stay whole
// streams to one worker. The pool outlives a load: a server loads many sessions, and starting
// threads is not free.

/** Bytes sent to a worker per message. */
export const MESSAGE_BYTES = 1024 * 1024;
/** Bytes queued at one worker before readers wait (keeps memory flat when parsing lags). */
const MAX_QUEUED_BYTES = 4 * MESSAGE_BYTES;
/**
 * Batch buffers readers hold at once: 4 files read together (ingest-session.ts), one batch
 * being filled and one waiting for a worker each.
 */
const FILLING_BATCHES = 2 * 4;

export function defaultWorkerCount(): number {
  return Math.min(availableParallelism(), 4);
}

interface Slot {
  worker: Worker;
  queuedBytes: number;
  /** Bytes of array files streaming to this worker (they cannot move to another). */
  streamingBytes: number;
}

/** What a load waits for from the workers. */
interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/** Worker threads that parse the event files of any number of loads. */
export class ParsePool {
  readonly limits: RecordLimits;
  /** Buffers for batches of lines, back from the workers once parsed; dropped when idle. */
  readonly batchBuffers: BatchBuffers;
  private readonly slots: Slot[];
  private failure: Error | null = null;
  private activeLoads = 0;
  private nextLoad = 0;
  private nextBatch = 0;
  private nextFile = 0;
  private readonly parsed = new Map<number, Waiter<FileTally> & { bytes: number; slot: Slot }>();
  private readonly closing = new Map<number, Waiter<FileTally>>();
  private readonly finishing = new Map<number, Waiter<PartialReduction>>();
  /** Readers waiting for a worker's queue to drain. */
  private spaceWaiters: (() => void)[] = [];
  /** Settles once every worker has loaded its code (or the pool failed). */
  readonly ready: Promise<void>;

  constructor(workers: number, limits: RecordLimits) {
    this.limits = limits;
    const setup: WorkerSetup = { limits };
    this.slots = Array.from({ length: Math.max(1, workers) }, () => {
      const slot: Slot = {
        worker: startWorkerModule(import.meta.url, 'parse-worker', setup),
        queuedBytes: 0,
        streamingBytes: 0,
      };
      slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
      slot.worker.on('error', (error) => this.fail(error));
      slot.worker.on('exit', () => this.fail(new Error('parse worker exited')));
      return slot;
    });
    // As many as can be in flight: queued at every worker (one over the limit) and being filled.
    const perWorker = MAX_QUEUED_BYTES / MESSAGE_BYTES + 1;
    this.batchBuffers = new BatchBuffers(
      MESSAGE_BYTES,
      this.slots.length * perWorker + FILLING_BATCHES,
    );
    this.ready = Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<PartialReduction | null>((resolve) => {
            slot.worker.once('message', (message: FromWorker) =>
              resolve(message.kind === 'ready' ? message.warmUp : null),
            );
            slot.worker.once('error', () => resolve(null));
            slot.worker.once('exit', () => resolve(null));
          }),
      ),
    ).then((warmUps) => {
      // The merge and freeze at a load's end run compiled from the first load on (warm-up.ts).
      // Only a warm-up: a failure here shows again, and is reported, in a real load.
      try {
        warmUpMerge(warmUps.filter((partial) => partial !== null));
      } catch {
        // nothing to do
      }
      // An idle pool must not keep the process (or a test run) alive; a loading one must.
      if (this.activeLoads === 0) for (const slot of this.slots) slot.worker.unref();
    });
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Starts a load (its number); end it with endLoad() once finished or failed. */
  beginLoad(): number {
    this.throwIfFailed();
    if (this.activeLoads++ === 0) for (const slot of this.slots) slot.worker.ref();
    return this.nextLoad++;
  }

  async close(): Promise<void> {
    this.fail(new Error('the parse pool was closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /**
   * Sends whole lines to the least busy worker once one has room; `tally` settles when they
   * are parsed.
   */
  async parseLines(
    load: number,
    file: SessionFile,
    bytes: Uint8Array,
  ): Promise<{ tally: Promise<FileTally> }> {
    const slot = await this.slotWithSpace();
    const batch = this.nextBatch++;
    const tally = handled(
      new Promise<FileTally>((resolve, reject) =>
        this.parsed.set(batch, { resolve, reject, bytes: bytes.length, slot }),
      ),
    );
    slot.queuedBytes += bytes.length;
    this.post(
      slot,
      {
        kind: 'lines',
        load,
        batch,
        legacy: file.kind === 'legacy-events',
        nodeId: file.nodeId,
        bytes,
      },
      [bytes.buffer as ArrayBuffer],
    );
    return { tally };
  }

  /** A stream to one worker for a file that must be parsed in one piece. */
  openStream(load: number, file: SessionFile, size: number): FileStream {
    this.throwIfFailed();
    const slot = this.slots.reduce((a, b) => (b.streamingBytes < a.streamingBytes ? b : a));
    slot.streamingBytes += size;
    const id = this.nextFile++;
    const closed = handled(
      new Promise<FileTally>((resolve, reject) => this.closing.set(id, { resolve, reject })),
    );
    this.post(slot, {
      kind: 'open',
      load,
      file: id,
      legacy: file.kind === 'legacy-events',
      nodeId: file.nodeId,
    });
    return {
      send: async (bytes) => {
        slot.queuedBytes += bytes.length;
        this.post(slot, { kind: 'chunk', file: id, bytes }, [bytes.buffer as ArrayBuffer]);
        while (slot.queuedBytes > MAX_QUEUED_BYTES) await this.spaceFreed();
      },
      close: (brokenOff) => {
        this.post(slot, { kind: 'close', file: id, brokenOff });
        slot.streamingBytes -= size;
        return closed;
      },
    };
  }

  /** Every worker's partial reduction of the load. */
  finish(load: number): Promise<PartialReduction[]> {
    return Promise.all(
      this.slots.map((slot) => {
        const partial = handled(
          new Promise<PartialReduction>((resolve, reject) =>
            this.finishing.set(this.finishKey(load, slot), { resolve, reject }),
          ),
        );
        this.post(slot, { kind: 'finish', load });
        return partial;
      }),
    );
  }

  /** The load is over (finished or failed): workers drop what they hold of it. */
  endLoad(load: number): void {
    if (!this.failure) for (const slot of this.slots) this.post(slot, { kind: 'forget', load });
    if (--this.activeLoads === 0) {
      for (const slot of this.slots) slot.worker.unref();
      this.batchBuffers.clear();
    }
  }

  private finishKey(load: number, slot: Slot): number {
    return load * this.slots.length + this.slots.indexOf(slot);
  }

  private async slotWithSpace(): Promise<Slot> {
    for (;;) {
      this.throwIfFailed();
      const slot = this.slots.reduce((a, b) => (b.queuedBytes < a.queuedBytes ? b : a));
      if (slot.queuedBytes < MAX_QUEUED_BYTES) return slot;
      await this.spaceFreed();
    }
  }

  private spaceFreed(): Promise<void> {
    return new Promise((resolve) => this.spaceWaiters.push(resolve));
  }

  private freed(slot: Slot, bytes: number): void {
    slot.queuedBytes -= bytes;
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    switch (message.kind) {
      case 'parsed': {
        const waiter = this.parsed.get(message.batch);
        this.parsed.delete(message.batch);
        if (this.activeLoads > 0) this.batchBuffers.giveBack(message.buffer);
        if (waiter) {
          this.freed(waiter.slot, waiter.bytes);
          waiter.resolve(message.tally);
        }
        return;
      }
      case 'taken':
        return this.freed(slot, message.bytes);
      case 'closed':
        this.closing.get(message.file)?.resolve(message.tally);
        this.closing.delete(message.file);
        return;
      case 'finished': {
        const key = this.finishKey(message.load, slot);
        this.finishing.get(key)?.resolve(message.partial);
        this.finishing.delete(key);
        return;
      }
      case 'failed':
        return this.fail(new Error(message.message));
      case 'ready':
        return;
    }
  }

  private post(slot: Slot, message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.throwIfFailed();
    slot.worker.postMessage(message, transfer);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    // A pool that failed is replaced at the next load: its threads must not linger.
    for (const slot of this.slots) void slot.worker.terminate();
    for (const resolve of this.spaceWaiters.splice(0)) resolve();
    for (const waiters of [this.parsed, this.closing, this.finishing]) {
      for (const waiter of waiters.values()) waiter.reject(error);
      waiters.clear();
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

export interface FileStream {
  send(bytes: Uint8Array): Promise<void>;
  close(brokenOff: boolean): Promise<FileTally>;
}

/** The promise, marked as handled: a failed pool rejects promises nobody awaits yet. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

const sharedPools = new Map<string, ParsePool>();

/** The process's pool of `workers` parse threads, started on first use and kept. */
export function sharedParsePool(
  workers = defaultWorkerCount(),
  limits = DEFAULT_RECORD_LIMITS,
): ParsePool {
  const key = `${workers}:${limits.maxRecordBytes}`;
  let pool = sharedPools.get(key);
  if (!pool || pool.failed) sharedPools.set(key, (pool = new ParsePool(workers, limits)));
  return pool;
}

/**
 * Starts the default pool ahead of the first load (a server does at startup); settles once
 * its workers have loaded. Never rejects: a pool that fails is replaced at the next load.
 */
export function warmParsePool(): Promise<void> {
  try {
    return sharedParsePool().ready;
  } catch {
    return Promise.resolve();
  }
}
