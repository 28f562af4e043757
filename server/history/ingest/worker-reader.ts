import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { PartialReduction } from '../events/reducer.ts';
import { startWorkerModule } from '../start-worker.ts';
import type { FileTally } from './file-tally.ts';
import type { EventFileReader } from './ingest-session.ts';
import type { RecordLimits } from './records.ts';
import type { SessionFile } from './session-files.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.ts';

// Parses event files on worker threads: this thread only moves bytes. Each file goes whole to
// the least loaded worker; each worker reduces its files into a partial reduction, handed
// back by finish() for merging.

/** Bytes sent to a worker per message. */
const MESSAGE_BYTES = 1024 * 1024;
/** Bytes queued at one worker before readers wait (keeps memory flat when parsing lags). */
const MAX_QUEUED_BYTES = 8 * MESSAGE_BYTES;

export function defaultWorkerCount(): number {
  return Math.min(availableParallelism(), 4);
}

interface Slot {
  worker: Worker;
  assignedBytes: number;
  queuedBytes: number;
  waiting: (() => void)[];
  closing: Map<number, (tally: FileTally) => void>;
  finished: Promise<PartialReduction>;
}

export class WorkerFileReader implements EventFileReader {
  private readonly slots: Slot[];
  private nextFile = 0;
  private failure: Error | null = null;
  /** Readers waiting on a worker's answer, told when a worker fails. */
  private readonly rejecters: ((error: Error) => void)[] = [];

  constructor(workers: number, limits: RecordLimits) {
    const setup: WorkerSetup = { limits };
    this.slots = Array.from({ length: Math.max(1, workers) }, () => {
      const worker = startWorkerModule(import.meta.url, 'parse-worker', setup);
      const slot: Slot = {
        worker,
        assignedBytes: 0,
        queuedBytes: 0,
        waiting: [],
        closing: new Map(),
        finished: new Promise<PartialReduction>((resolve, reject) => {
          worker.on('message', (message: FromWorker) => {
            if (message.kind === 'finished') resolve(message.partial);
            else if (message.kind === 'failed') this.fail(new Error(message.message));
            else this.onMessage(slot, message);
          });
          worker.on('error', (error) => {
            this.fail(error);
            reject(error);
          });
          worker.on('exit', () => reject(this.failure ?? new Error('parse worker exited')));
        }),
      };
      slot.finished.catch(() => undefined);
      return slot;
    });
  }

  async read(file: SessionFile, chunks: AsyncIterable<Buffer>, tally: FileTally): Promise<void> {
    const slot = this.slots.reduce((a, b) => (b.assignedBytes < a.assignedBytes ? b : a));
    slot.assignedBytes += file.size;
    const id = this.nextFile++;
    const closed = new Promise<FileTally>((resolve) => slot.closing.set(id, resolve));
    this.post(slot, {
      kind: 'open',
      file: id,
      legacy: file.kind === 'legacy-events',
      nodeId: file.nodeId,
    });
    let buffer = new Uint8Array(MESSAGE_BYTES);
    let used = 0;
    const flush = async () => {
      if (used === 0) return;
      const bytes = buffer.subarray(0, used);
      slot.queuedBytes += used;
      this.post(slot, { kind: 'chunk', file: id, bytes }, [bytes.buffer as ArrayBuffer]);
      buffer = new Uint8Array(MESSAGE_BYTES);
      used = 0;
      while (slot.queuedBytes > MAX_QUEUED_BYTES && !this.failure) {
        await new Promise<void>((resolve) => slot.waiting.push(resolve));
      }
    };
    let brokenOff = true;
    try {
      for await (const chunk of chunks) {
        let offset = 0;
        while (offset < chunk.length) {
          const n = Math.min(chunk.length - offset, MESSAGE_BYTES - used);
          buffer.set(chunk.subarray(offset, offset + n), used);
          used += n;
          offset += n;
          if (used === MESSAGE_BYTES) await flush();
        }
        this.throwIfFailed();
      }
      brokenOff = false;
    } finally {
      // Also after a read failure: the events parsed so far count (a truncated gzip file).
      await flush();
      this.post(slot, { kind: 'close', file: id, brokenOff });
      Object.assign(tally, await Promise.race([closed, this.failed()]));
    }
  }

  /** The partial reductions of all workers, once every file has been read. */
  async finish(): Promise<PartialReduction[]> {
    for (const slot of this.slots) this.post(slot, { kind: 'finish' });
    return Promise.all(this.slots.map((slot) => slot.finished));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.kind === 'taken') {
      slot.queuedBytes -= message.bytes;
      for (const resolve of slot.waiting.splice(0)) resolve();
    } else if (message.kind === 'closed') {
      slot.closing.get(message.file)?.(message.tally);
      slot.closing.delete(message.file);
    }
  }

  private post(slot: Slot, message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.throwIfFailed();
    slot.worker.postMessage(message, transfer);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.slots) for (const resolve of slot.waiting.splice(0)) resolve();
    for (const reject of this.rejecters.splice(0)) reject(this.failure);
  }

  private failed(): Promise<never> {
    return new Promise<never>((_, reject) => {
      if (this.failure) reject(this.failure);
      else this.rejecters.push(reject);
    });
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
