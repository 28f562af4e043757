import type { PartialReduction } from '../events/reducer.ts';
import type { FileTally } from './file-tally.ts';
import type { FileBytes } from './file-chunks.ts';
import type { EventFileReader } from './ingest-session.ts';
import { LineBatcher } from './line-batcher.ts';
import type { ParsePool } from './parse-pool.ts';
import { OVERSIZED, firstContentByte } from './records.ts';
import type { SessionFile } from './session-files.ts';

// Parses one load's event files on the parse pool: this thread only moves bytes. A JSON Lines
// file is cut into batches of whole lines, spread over all workers, so one huge file keeps
// every core busy; a JSON array file (older collectors) goes whole to one worker. Each worker
// reduces what it gets into a partial reduction, handed back by finish() for merging. Bytes
// are read straight into the batch buffers where the storage can, and those come back from
// the workers to be filled again: this thread neither copies nor allocates per batch.

const OPEN_BRACKET = 0x5b;
/** Bytes read at a time from a JSON array file. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * The file's first bytes from its first content byte (no byte-order mark, no leading space),
 * read into `room` where the storage can; null for a file of none.
 */
async function firstContent(bytes: FileBytes, room: Uint8Array): Promise<Uint8Array | null> {
  for (let atFileStart = true; ; atFileStart = false) {
    const next = await bytes.next(room);
    if (!next) return null;
    const start = firstContentByte(next, atFileStart);
    if (start < next.length) return next.subarray(start);
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

  constructor(pool: ParsePool) {
    this.pool = pool;
    this.load = pool.beginLoad();
  }

  async read(file: SessionFile, bytes: FileBytes, tally: FileTally): Promise<void> {
    const batcher = new LineBatcher(this.pool.batchBuffers, this.pool.limits.maxRecordBytes);
    const first = await firstContent(bytes, batcher.room());
    if (!first) return batcher.discard();
    // The first character tells the format, as in readRecordBatches.
    if (first[0] === OPEN_BRACKET) {
      // Copied (a chunk may share its memory with others, and sending transfers the memory).
      const copy = new Uint8Array(first);
      batcher.discard();
      await this.readWhole(file, copy, bytes, tally);
    } else await this.readLines(file, batcher, first, bytes, tally);
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
    batcher: LineBatcher,
    first: Uint8Array,
    bytes: FileBytes,
    tally: FileTally,
  ): Promise<void> {
    const tallies: Promise<FileTally>[] = [];
    const send = async (batches: Iterable<Uint8Array | typeof OVERSIZED>) => {
      for (const batch of batches) {
        if (batch === OVERSIZED) tally.malformed++;
        else tallies.push((await this.pool.parseLines(this.load, file, batch)).tally);
      }
    };
    try {
      await send(batcher.push(first));
      for (let chunk; (chunk = await bytes.next(batcher.room()));) await send(batcher.push(chunk));
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
    first: Uint8Array,
    bytes: FileBytes,
    tally: FileTally,
  ): Promise<void> {
    const stream = this.pool.openStream(this.load, file, file.size);
    let brokenOff = true;
    try {
      await stream.send(first);
      const room = new Uint8Array(CHUNK_BYTES);
      // Copied, like the first: sending transfers the memory.
      for (let chunk; (chunk = await bytes.next(room));) await stream.send(new Uint8Array(chunk));
      brokenOff = false;
    } finally {
      addTally(tally, await stream.close(brokenOff));
    }
  }
}
