import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { FsStorage } from '../storage/fs-storage.ts';
import { startS3TestServer, type S3TestServer } from './s3-server.ts';
import type { Storage } from '../storage/storage.ts';

// Test support: the same history folder served by every storage backend, so API tests can run
// one set of assertions over each (`describe.each(historyBackends)`).

export interface OpenedHistory {
  storage: Storage;
  /** The s3rver behind the storage, for backends that have one. */
  s3?: S3TestServer;
  close(): Promise<void>;
}

export interface HistoryBackend {
  name: string;
  /** Serves the files of `dir` (the folder as written by the sample generator or a fixture). */
  open(dir: string): Promise<OpenedHistory>;
}

export const folderBackend: HistoryBackend = {
  name: 'folder',
  open: async (dir) => ({ storage: new FsStorage(dir), close: async () => {} }),
};

export const s3Backend: HistoryBackend = {
  name: 's3rver',
  async open(dir) {
    const s3 = await startS3TestServer();
    await s3.uploadFolder(dir, 'history/');
    return { storage: s3.storage('history/'), s3, close: () => s3.close() };
  },
};

export const historyBackends: HistoryBackend[] = [folderBackend, s3Backend];

/** The app over any storage, configured as in the other route tests. */
export function appOver(storage: Storage, env: NodeJS.ProcessEnv = {}): Promise<FastifyInstance> {
  const config = loadConfig({ SESSION_INDEX_TTL_SECONDS: '0', ...env });
  return buildApp({ config, storage, logger: false });
}
