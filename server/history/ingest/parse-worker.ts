import { parentPort, workerData } from 'node:worker_threads';
import { SessionReducer } from '../events/reducer.ts';
import { BrokenOffError, ChunkChannel } from './chunk-channel.ts';
import { emptyTally, tallyRecords } from './file-tally.ts';
import { readRecordBatches } from './records.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.ts';

// A parse worker: turns the event files it is handed into a partial reduction of the session.

if (!parentPort) throw new Error('parse-worker.ts runs as a worker thread');
const port = parentPort;
const { limits } = workerData as WorkerSetup;
const reducer = new SessionReducer();
const channels = new Map<number, ChunkChannel>();
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

function open(file: number, legacy: boolean, nodeId: string): void {
  const channel = new ChunkChannel((bytes) => send({ kind: 'taken', bytes }));
  channels.set(file, channel);
  const tally = emptyTally();
  tallyRecords(readRecordBatches(channel, limits), { legacy, nodeId }, reducer, tally).then(
    () => send({ kind: 'closed', file, tally }),
    (error: unknown) =>
      error instanceof BrokenOffError
        ? send({ kind: 'closed', file, tally })
        : send({ kind: 'failed', message: String(error) }),
  );
}

function finish(): void {
  const partial = reducer.partial();
  const t = partial.tasks;
  const arrays = [
    t.attempt,
    t.hasDefinition,
    ...Object.values(t.text),
    ...Object.values(t.numbers),
    t.transitionHead,
    t.transitionState,
    t.transitionTime,
    t.transitionNext,
    t.spanHead,
    t.spanName,
    t.spanWorker,
    t.spanNodeIp,
    t.spanStart,
    t.spanEnd,
    t.spanNext,
  ];
  send(
    { kind: 'finished', partial },
    arrays.map((a) => a.buffer as ArrayBuffer),
  );
  port.close();
}

port.on('message', (message: ToWorker) => {
  try {
    switch (message.kind) {
      case 'open':
        return open(message.file, message.legacy, message.nodeId);
      case 'chunk':
        return channels
          .get(message.file)
          ?.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length));
      case 'close':
        channels.get(message.file)?.end(message.brokenOff);
        channels.delete(message.file);
        return;
      case 'finish':
        return finish();
    }
  } catch (error) {
    send({ kind: 'failed', message: String(error) });
  }
});
