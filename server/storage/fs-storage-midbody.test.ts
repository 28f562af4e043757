import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../test/history.ts';
import { FsStorage } from './fs-storage.ts';
import { StorageUnavailableError } from './storage.ts';

// A disk that fails part-way through a file: the reader sees StorageUnavailableError (503),
// the same as a broken object-store body, not a raw EIO (500).

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    createReadStream: () =>
      Readable.from(
        (async function* () {
          yield Buffer.from('first bytes');
          throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
        })(),
      ),
  };
});

describe('FsStorage.stream failing mid-body', () => {
  it('fails with StorageUnavailableError, not the raw EIO', async () => {
    const dir = await tempFolder({ 'a/file.log': 'x'.repeat(100) });
    try {
      const stream = await new FsStorage(dir.dir).stream('a/file.log');
      const chunks: Buffer[] = [];
      const error = await (async () => {
        for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      })().catch((e: unknown) => e);
      expect(Buffer.concat(chunks).length).toBeLessThanOrEqual('first bytes'.length);
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect((error as Error).message).toBe('Cannot read a/file.log');
    } finally {
      await dir.remove();
    }
  });
});
