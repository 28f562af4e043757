import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { tempFolder, type TempFolder } from './history.ts';
import { loggerOptions } from '../http/logging.ts';
import { FsStorage } from '../storage/fs-storage.ts';

// Test support for the login tests: two sessions in two namespaces, a built SPA stand-in, and
// apps whose logs (at debug level, with production redaction) are kept for the no-secrets check.

export const OLD = 'session_2026-01-10_08-00-00_000001_1';
export const NEW = 'session_2026-01-11_19-38-40_146706_1';
/** A URL-scoped route of a session in namespace `default`. */
export const DEFAULT_INFO = '/api/c/default/raycluster/raycluster-a/latest/info';
export const ML_INFO = '/api/c/ml/rayjob/train/latest/info';

export interface AuthFixture {
  /** An app over the fixture with these settings; every line it logs lands in `logs`. */
  app(env: NodeJS.ProcessEnv): Promise<FastifyInstance>;
  logs: string[];
  close(): Promise<void>;
}

export async function authFixture(): Promise<AuthFixture> {
  const history: TempFolder = await tempFolder({
    [`cluster-metadata/raycluster/default_raycluster-a/${OLD}`]: '',
    [`cluster-metadata/rayjob/ml_train_train-raycluster-x/${NEW}`]: '',
  });
  const dist = await tempFolder({
    'index.html': '<!doctype html><title>Ray History</title>',
    'assets/app.js': 'console.log(1)',
  });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const apps: FastifyInstance[] = [];
  return {
    logs,
    async app(env) {
      const config = loadConfig({ SESSION_INDEX_TTL_SECONDS: '0', STATIC_DIR: dist.dir, ...env });
      const app = await buildApp({
        config,
        storage: new FsStorage(history.dir),
        logger: { ...loggerOptions('debug'), stream },
      });
      apps.push(app);
      return app;
    },
    async close() {
      await Promise.all(apps.map((app) => app.close()));
      await history.remove();
      await dist.remove();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
