import type { PartialReduction } from '../events/reducer.ts';
import type { FileTally } from './file-tally.ts';
import type { EventFileReader } from './ingest-session.ts';
import { LineBatcher } from './line-batcher.ts';
import { MESSAGE_BYTES, type ParsePool } from './parse-pool.ts';
import { OVERSIZED, firstContentByte } from './records.ts';
import type { SessionFile } from './session-files.ts';

// Parses one load's event files on the parse pool: this thread only moves bytes. A JSON Lines
// file is cut into batches of whole lines, spread over all workers, so one huge file keeps
// every core busy; a JSON array file (older collectors) goes whole to one worker. Each worker
// reduces what it gets into a partial reduction, handed back by finish() for merging.

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

  constructor(pool: ParsePool) {
    this.pool = pool;
    this.load = pool.beginLoad();
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
