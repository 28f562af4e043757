import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../contract/paths.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { tempFolder, type TempFolder } from '../../test/history.ts';
import { FsStorage } from '../../storage/fs-storage.ts';
import {
  StorageUnavailableError,
  type ObjectReader,
  type ReadRange,
} from '../../storage/storage.ts';
import { scope, writeFixture } from '../../test/session-routes.ts';

// A cold load seen from outside: progress while it runs, and a failed load retried.

/** Storage whose file reads wait for `open()`, or fail while `failing` is set. */
class GatedStorage extends FsStorage {
  failing = false;
  private gate: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  close(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release();
  }

  override async stream(
    key: string,
    range?: ReadRange & { signal?: AbortSignal },
  ): Promise<Readable> {
    if (this.failing) throw new StorageUnavailableError('storage went away');
    await this.gate;
    return super.stream(key, range);
  }

  override async openReader(
    key: string,
    range?: ReadRange & { signal?: AbortSignal },
  ): Promise<ObjectReader> {
    if (this.failing) throw new StorageUnavailableError('storage went away');
    await this.gate;
    return super.openReader(key, range);
  }
}

let history: TempFolder;
beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
});
afterAll(() => history.remove());

async function appOver(storage: GatedStorage): Promise<FastifyInstance> {
  const config = loadConfig({ SESSION_INDEX_TTL_SECONDS: '0' });
  return buildApp({ config, storage, logger: false });
}

const url = (rayPath: string) => apiPaths.scoped(scope, rayPath);

describe('a cold load', () => {
  it('reports files and bytes while it runs, then ready', async () => {
    const storage = new GatedStorage(history.dir);
    storage.close();
    const app = await appOver(storage);
    try {
      const jobs = app.inject(url('/api/jobs/'));
      let progress = (await app.inject(url('/load_progress'))).json();
      for (let i = 0; i < 100 && progress.filesTotal === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        progress = (await app.inject(url('/load_progress'))).json();
      }
      expect(progress.state).toBe('loading');
      expect(progress.filesTotal).toBe(9);
      expect(progress.filesRead).toBeLessThan(progress.filesTotal);
      expect(progress.bytesTotal).toBeGreaterThan(0);
      storage.open();
      expect((await jobs).statusCode).toBe(200);
      const done = (await app.inject(url('/load_progress'))).json();
      expect(done).toMatchObject({ state: 'ready', filesRead: 9, filesTotal: 9 });
    } finally {
      storage.open();
      await app.close();
    }
  });

  it('answers 503 when storage fails, reports failed, and retries on the next request', async () => {
    const storage = new GatedStorage(history.dir);
    storage.failing = true;
    const app = await appOver(storage);
    try {
      const failed = await app.inject(url('/api/jobs/'));
      expect(failed.statusCode).toBe(503);
      expect((await app.inject(url('/load_progress'))).json().state).toBe('failed');
      storage.failing = false;
      const retried = await app.inject(url('/api/jobs/'));
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toHaveLength(3);
    } finally {
      await app.close();
    }
  });
});
