import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import { FsStorage } from '../storage/fs-storage.ts';

// Test support: a throwaway history folder written file by file, and the app built over it.

export interface TempFolder {
  dir: string;
  write(key: string, content?: string | Buffer): Promise<void>;
  remove(): Promise<void>;
}

export async function tempFolder(files: Record<string, string> = {}): Promise<TempFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'history-test-'));
  const folder: TempFolder = {
    dir,
    async write(key, content = '') {
      await mkdir(dirname(join(dir, key)), { recursive: true });
      await writeFile(join(dir, key), content);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  for (const [key, content] of Object.entries(files)) await folder.write(key, content);
  return folder;
}

/** The app over a temp history folder (and a temp SPA folder unless `staticDir` is given). */
export async function testApp(
  history: TempFolder,
  env: NodeJS.ProcessEnv = {},
  options: Partial<BuildAppOptions> = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ SESSION_INDEX_TTL_SECONDS: '0', ...env });
  return buildApp({ config, storage: new FsStorage(history.dir), logger: false, ...options });
}
