import { parentPort } from 'node:worker_threads';
import { decodeText } from '../../server/history/ingest/records.ts';

// The parse floor's worker: JSON.parse every line of each batch it is handed, keep nothing,
// answer with the number of events. The least any loader that validates lines must do per byte.

if (!parentPort) throw new Error('parse-floor-worker.ts runs as a worker thread');
const port = parentPort;

export interface FloorBatch {
  bytes: Uint8Array;
  /** The batch is a whole file holding one JSON array of events (the legacy format). */
  array: boolean;
}

function countEvents({ bytes, array }: FloorBatch): number {
  const text = decodeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  if (array) {
    try {
      return (JSON.parse(text) as unknown[]).length;
    } catch {
      return 0;
    }
  }
  let events = 0;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end > start + 1) {
      try {
        JSON.parse(text.slice(start, end));
        events++;
      } catch {
        // Skipped, as every loader skips a bad line.
      }
    }
    start = end + 1;
  }
  return events;
}

port.on('message', (batch: FloorBatch) => port.postMessage(countEvents(batch)));
