import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PartialReduction } from '../events/reducer.ts';
import type { FileTally } from './file-tally.ts';
import type { EventFileReader } from './ingest-session.ts';
import { LineBatcher } from './line-batcher.ts';
import {
  DEFAULT_RECORD_LIMITS,
  OVERSIZED,
  firstContentByte,
  type RecordLimits,
} from './records.ts';
import type { SessionFile } from './session-files.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.ts';

// Parses event files on worker threads: this thread only moves bytes. A JSON Lines file is cut
// into batches of whole lines, each sent to the least busy worker, so one huge file keeps every
// core busy; a JSON array file (older collectors) goes whole to one worker. Each worker reduces
// what it gets of a load into a partial reduction, handed back by finish() for merging.
// The workers outlive a load: a server loads many sessions, and starting threads is not free.

/** Bytes sent to a worker per message. */
const MESSAGE_BYTES = 1024 * 1024;
/** Bytes queued at one worker before readers wait (keeps memory flat when parsing lags). */
const MAX_QUEUED_BYTES = 4 * MESSAGE_BYTES;

/** Built by scripts/build-server.ts: dist-server/ holds the worker as its own entry point. */
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(COMPILED ? './parse-worker.js' : './parse-worker.ts', import.meta.url);

/**
 * Starts the worker. Run from source, the server's TypeScript goes through tsx, whose hooks a
 * worker does not inherit: a small bootstrap registers them in the worker first, then loads
 * the worker module.
 */
function startWorker(setup: WorkerSetup): Worker {
  if (COMPILED) return new Worker(WORKER_URL, { workerData: setup });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((tsx) => tsx.register())
    .then(() => import(${JSON.stringify(WORKER_URL.href)}));`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

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
      const slot: Slot = { worker: startWorker(setup), queuedBytes: 0, streamingBytes: 0 };
      slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
      slot.worker.on('error', (error) => this.fail(error));
      slot.worker.on('exit', () => this.fail(new Error('parse worker exited')));
      return slot;
    });
    this.ready = Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            slot.worker.once('message', () => resolve());
            slot.worker.once('error', () => resolve());
            slot.worker.once('exit', () => resolve());
          }),
      ),
    ).then(() => {
      // An idle pool must not keep the process (or a test run) alive; a loading one must.
      if (this.activeLoads === 0) for (const slot of this.slots) slot.worker.unref();
    });
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** A reader for one load's files; call its finish() once every file has been read. */
  beginLoad(): PooledFileReader {
    this.throwIfFailed();
    if (this.activeLoads++ === 0) for (const slot of this.slots) slot.worker.ref();
    return new PooledFileReader(this, this.nextLoad++);
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
    if (--this.activeLoads === 0) for (const slot of this.slots) slot.worker.unref();
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

interface FileStream {
  send(bytes: Uint8Array): Promise<void>;
  close(brokenOff: boolean): Promise<FileTally>;
}

/** The promise, marked as handled: a failed pool rejects promises nobody awaits yet. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

const OPEN_BRACKET = 0x5b;

/** The file's bytes from its first content byte (no byte-order mark, no leading space), or null. */
async function firstContent(iterator: AsyncIterator<Buffer>): Promise<Buffer | null> {
  for (let atFileStart = true; ; atFileStart = false) {
    const next = await iterator.next();
    if (next.done) return null;
    const start = firstContentByte(next.value, atFileStart);
    if (start < next.value.length) return next.value.subarray(start);
  }
}

/** Adds `b`'s counts to `a`. */
function addTally(a: FileTally, b: FileTally): void {
  a.accepted += b.accepted;
  a.malformed += b.malformed;
  a.invalid += b.invalid;
  a.unknown += b.unknown;
  for (const [type, count] of Object.entries(b.unknownTypes))
    a.unknownTypes[type] = (a.unknownTypes[type] ?? 0) + count;
}

/** One load's files, parsed by a pool. */
export class PooledFileReader implements EventFileReader {
  private readonly pool: ParsePool;
  private readonly load: number;

  constructor(pool: ParsePool, load: number) {
    this.pool = pool;
    this.load = load;
  }

  async read(file: SessionFile, chunks: AsyncIterable<Buffer>, tally: FileTally): Promise<void> {
    const iterator = chunks[Symbol.asyncIterator]();
    const first = await firstContent(iterator);
    if (!first) return;
    const rest = { [Symbol.asyncIterator]: () => iterator };
    // The first character tells the format, as in readRecordBatches.
    if (first[0] === OPEN_BRACKET) await this.readWhole(file, first, rest, tally);
    else await this.readLines(file, first, rest, tally);
  }

  /** The partial reductions of all workers, once every file has been read. */
  finish(): Promise<PartialReduction[]> {
    return this.pool.finish(this.load);
  }

  /** Ends the load, finished or not; call once. */
  async close(): Promise<void> {
    this.pool.endLoad(this.load);
  }

  private async readLines(
    file: SessionFile,
    first: Buffer,
    rest: AsyncIterable<Buffer>,
    tally: FileTally,
  ): Promise<void> {
    const batcher = new LineBatcher(MESSAGE_BYTES, this.pool.limits.maxRecordBytes);
    const tallies: Promise<FileTally>[] = [];
    const send = async (batches: Iterable<Uint8Array | typeof OVERSIZED>) => {
      for (const batch of batches) {
        if (batch === OVERSIZED) tally.malformed++;
        else tallies.push((await this.pool.parseLines(this.load, file, batch)).tally);
      }
    };
    try {
      await send(batcher.push(first));
      for await (const chunk of rest) await send(batcher.push(chunk));
      await send(batcher.end());
    } catch (error) {
      // The lines read before a failure count (a truncated gzip file); the partial last does not.
      await send(batcher.brokenOff());
      throw error;
    } finally {
      // Also after a read failure: the lines sent so far count (a truncated gzip file).
      for (const parsed of await Promise.all(tallies)) addTally(tally, parsed);
    }
  }

  private async readWhole(
    file: SessionFile,
    first: Buffer,
    rest: AsyncIterable<Buffer>,
    tally: FileTally,
  ): Promise<void> {
    const stream = this.pool.openStream(this.load, file, file.size);
    let brokenOff = true;
    try {
      // Copied: a chunk may share its memory with others, and sending transfers the memory.
      await stream.send(new Uint8Array(first));
      for await (const chunk of rest) await stream.send(new Uint8Array(chunk));
      brokenOff = false;
    } finally {
      addTally(tally, await stream.close(brokenOff));
    }
  }
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
