import { gunzipSync } from 'node:zlib';
import { listSessionFiles } from '../../server/history/ingest/session-files.ts';
import type { Storage } from '../../server/storage/storage.ts';
import type { SessionInfo } from '../../contract/api.ts';

// The baseline the bench compares against: each file read whole, every line parsed into a
// plain object, every object kept. What a first implementation typically does.

export interface NaiveLoad {
  events: unknown[];
  bytesRead: number;
}

export async function naiveLoad(storage: Storage, session: SessionInfo): Promise<NaiveLoad> {
  const { files } = await listSessionFiles(storage, session);
  const events: unknown[] = [];
  let bytesRead = 0;
  for (const file of files) {
    if (file.kind === 'debug-state') continue;
    const stored = await storage.read(file.key);
    bytesRead += stored.length;
    let text: string;
    try {
      text = (file.key.endsWith('.gz') ? gunzipSync(stored) : stored).toString('utf8');
    } catch {
      continue; // A corrupt gzip file: skipped, as the server skips it.
    }
    const trimmed = text.trimStart();
    if (trimmed.startsWith('[')) {
      events.push(...(JSON.parse(trimmed) as unknown[]));
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        events.push(JSON.parse(line));
      } catch {
        // The baseline skips bad lines too, so both loads see the same events.
      }
    }
  }
  return { events, bytesRead };
}
