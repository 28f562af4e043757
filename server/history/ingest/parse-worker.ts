import { parentPort, threadId, workerData } from 'node:worker_threads';
import { SessionReducer, type PartialReduction } from '../events/reducer.ts';
import { runArrays } from '../events/task-runs.ts';
import { BrokenOffError, ChunkChannel } from './chunk-channel.ts';
import { emptyTally, tallyBatch, tallyRecords } from './file-tally.ts';
import { decodeText, readRecordBatches, splitText, type EventRecord } from './records.ts';
import { warmUpParse } from './warm-up.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.ts';

// A parse worker: turns the event bytes it is handed into a partial reduction per load.

if (!parentPort) throw new Error('parse-worker.ts runs as a worker thread');
const port = parentPort;
const { limits } = workerData as WorkerSetup;
const reducers = new Map<number, SessionReducer>();
const channels = new Map<number, ChunkChannel>();
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

function reducerOf(load: number): SessionReducer {
  let reducer = reducers.get(load);
  if (!reducer) reducers.set(load, (reducer = new SessionReducer()));
  return reducer;
}

function parseLines(
  load: number,
  batch: number,
  legacy: boolean,
  nodeId: string,
  bytes: Uint8Array,
): void {
  const text = decodeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const records: EventRecord[] = [];
  splitText(text, limits.maxRecordBytes, records);
  const tally = emptyTally();
  tallyBatch(records, { legacy, nodeId }, reducerOf(load), tally);
  // Nothing parsed refers to the bytes (the text is a copy): their memory goes back for reuse.
  const buffer = bytes.buffer as ArrayBuffer;
  send({ kind: 'parsed', batch, tally, buffer }, [buffer]);
}

function open(load: number, file: number, legacy: boolean, nodeId: string): void {
  const channel = new ChunkChannel((bytes) => send({ kind: 'taken', bytes }));
  channels.set(file, channel);
  const tally = emptyTally();
  tallyRecords(readRecordBatches(channel, limits), { legacy, nodeId }, reducerOf(load), tally).then(
    () => send({ kind: 'closed', file, tally }),
    (error: unknown) =>
      error instanceof BrokenOffError
        ? send({ kind: 'closed', file, tally })
        : send({ kind: 'failed', message: String(error) }),
  );
}

/** The typed arrays of a partial reduction: transferred, not copied, to the pool. */
function transferables(partial: PartialReduction): ArrayBuffer[] {
  return runArrays(partial.tasks).map((a) => a.buffer as ArrayBuffer);
}

function finish(load: number): void {
  const partial = reducerOf(load).partial();
  reducers.delete(load);
  send({ kind: 'finished', load, partial }, transferables(partial));
}

port.on('message', (message: ToWorker) => {
  try {
    switch (message.kind) {
      case 'lines':
        return parseLines(
          message.load,
          message.batch,
          message.legacy,
          message.nodeId,
          message.bytes,
        );
      case 'open':
        return open(message.load, message.file, message.legacy, message.nodeId);
      case 'chunk':
        return channels
          .get(message.file)
          ?.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length));
      case 'close':
        channels.get(message.file)?.end(message.brokenOff);
        channels.delete(message.file);
        return;
      case 'finish':
        return finish(message.load);
      case 'forget':
        reducers.delete(message.load);
        return;
    }
  } catch (error) {
    send({ kind: 'failed', message: String(error) });
  }
});
// Compiled code from the first load on (warm-up.ts); the pool merges the result likewise.
// Only a warm-up: should it ever fail, the worker still serves loads, just colder.
function warmedUp(): PartialReduction | null {
  try {
    return warmUpParse(threadId * 100_000);
  } catch {
    return null;
  }
}
const warmUp = warmedUp();
send({ kind: 'ready', warmUp }, warmUp ? transferables(warmUp) : []);
