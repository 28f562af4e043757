import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import type { Worker } from 'node:worker_threads';
import { listSessionFiles } from '../../server/history/ingest/session-files.ts';
import { startWorkerModule } from '../../server/history/start-worker.ts';
import type { Storage } from '../../server/storage/storage.ts';
import type { SessionInfo } from '../../contract/api.ts';
import type { FloorBatch } from './parse-floor-worker.ts';

// The parse floor: how fast could ANY loader that checks every event line with JSON.parse be
// on this machine? Files are read whole and cut into 1 MiB batches of whole lines in this
// thread while two worker threads JSON.parse every line and keep nothing — no reducer, no
// merge, no table. Our load does all of that plus the work the floor leaves out, so its
// events/s ratio against the naive load is a ceiling for ours (docs/bench.md).

export const BATCH_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

interface Thread {
  worker: Worker;
  queued: number;
  waiting: ((events: number) => void)[];
}

function thread(worker: Worker): Thread {
  const t: Thread = { worker, queued: 0, waiting: [] };
  worker.on('message', (events: number) => {
    t.queued--;
    t.waiting.shift()?.(events);
  });
  return t;
}

function parseOn(t: Thread, batch: FloorBatch): Promise<number> {
  t.queued++;
  t.worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
  return new Promise((done) => t.waiting.push(done));
}

/** A copy of bytes[start, end) in a buffer of its own (Buffer#slice would share the memory). */
const copyOf = (bytes: Uint8Array, start = 0, end = bytes.length) =>
  Uint8Array.prototype.slice.call(bytes, start, end);

/** Whole-line pieces of at most about BATCH_BYTES, each copied into its own buffer. */
export function* linePieces(bytes: Uint8Array): Generator<Uint8Array> {
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + BATCH_BYTES);
    if (end < bytes.length) {
      const newline = bytes.lastIndexOf(NEWLINE, end - 1);
      end = newline >= start ? newline + 1 : bytes.indexOf(NEWLINE, end) + 1 || bytes.length;
    }
    yield copyOf(bytes, start, end);
    start = end;
  }
}

export interface ParseFloor {
  threads: Worker[];
  load(storage: Storage, session: SessionInfo): Promise<{ events: number; storedBytes: number }>;
  close(): Promise<void>;
}

export async function startParseFloor(threadCount = 2): Promise<ParseFloor> {
  const workers = Array.from({ length: threadCount }, () =>
    startWorkerModule(import.meta.url, 'parse-floor-worker'),
  );
  const threads = workers.map(thread);
  // Started and answering before anything is timed, as our parse pool is.
  const probe = new TextEncoder().encode('{"a":1}\n');
  await Promise.all(threads.map((t) => parseOn(t, { bytes: probe.slice(), array: false })));
  return {
    threads: workers,
    async load(storage, session) {
      const { files } = await listSessionFiles(storage, session);
      const answers: Promise<number>[] = [];
      let storedBytes = 0;
      for (const file of files) {
        if (file.kind === 'debug-state') continue;
        const stored = await storage.read(file.key);
        storedBytes += stored.length;
        let bytes: Uint8Array;
        try {
          bytes = file.key.endsWith('.gz') ? gunzipSync(stored) : stored;
        } catch {
          continue;
        }
        const array = bytes[bytes.findIndex((b) => b > 0x20)] === 0x5b; // '['
        const pieces = array ? [copyOf(bytes)] : linePieces(bytes);
        for (const piece of pieces) {
          const idlest = threads.reduce((a, b) => (b.queued < a.queued ? b : a));
          answers.push(parseOn(idlest, { bytes: piece, array }));
        }
      }
      const counts = await Promise.all(answers);
      return { events: counts.reduce((a, b) => a + b, 0), storedBytes };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export async function timedFloor(
  floor: ParseFloor,
  storage: Storage,
  session: SessionInfo,
): Promise<{ loadMs: number; events: number; storedBytes: number }> {
  const started = performance.now();
  const result = await floor.load(storage, session);
  return { loadMs: performance.now() - started, ...result };
}
