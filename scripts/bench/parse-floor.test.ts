import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../../server/test/history.ts';
import { session, writeFixture } from '../../server/test/session-routes.ts';
import { FsStorage } from '../../server/storage/fs-storage.ts';
import { naiveLoad } from './naive-load.ts';
import { BATCH_BYTES, linePieces, startParseFloor, type ParseFloor } from './parse-floor.ts';

// The floor must parse exactly the events the naive load parses, or its ratio would flatter or
// blame ours.

let history: TempFolder;
let floor: ParseFloor;
beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
  floor = await startParseFloor();
});
afterAll(async () => {
  await floor.close();
  await history.remove();
});

describe('the parse floor (bench)', () => {
  it('counts the events and stored bytes the naive load reads, in JSONL, gzip and JSON-array files', async () => {
    const storage = new FsStorage(history.dir);
    const naive = await naiveLoad(storage, session);
    const floored = await floor.load(storage, session);
    expect(floored).toEqual({ events: naive.events.length, storedBytes: naive.bytesRead });
  });
});

describe('linePieces', () => {
  it('cuts at line ends into pieces of their own that join back to the bytes', () => {
    const line = (i: number) => `{"n":${i},"pad":"${'x'.repeat(i % 700)}"}\n`;
    const bytes = Buffer.from(Array.from({ length: 9_000 }, (_, i) => line(i)).join(''));
    expect(bytes.length).toBeGreaterThan(3 * BATCH_BYTES);
    const pieces = [...linePieces(bytes)];
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(BATCH_BYTES);
      expect(piece.at(-1)).toBe(0x0a);
      // Its own memory: transferring one piece must not detach the file or another piece.
      expect(piece.buffer).not.toBe(bytes.buffer);
      expect(piece.byteLength).toBe(piece.buffer.byteLength);
    }
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
  });
});
